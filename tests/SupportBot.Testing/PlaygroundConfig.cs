using System.Text;

namespace SupportBot.Testing;

/// <summary>
/// The Microsoft 365 Agents Playground's <c>.m365agentsplayground.yml</c> (schema version 0.1.1, checked against the
/// JSON schema inside npm <c>@microsoft/m365agentsplayground</c> 0.2.28): who the current user is, the five other
/// users, and the ids of the personal chat, the group chat and the team with its one extra channel.
/// All of it is mock data the Playground puts into the activities it sends and answers to TeamsInfo calls.
/// </summary>
public sealed record PlaygroundConfig(
    string TenantId,
    PlaygroundBot Bot,
    PlaygroundUser CurrentUser,
    IReadOnlyList<PlaygroundUser> Users,
    string PersonalChatId,
    string GroupChatId,
    string GroupChatName,
    PlaygroundTeam Team)
{
    /// <summary>The Playground refuses a configuration with any other number of users.</summary>
    public const int RequiredUserCount = 5;

    public string ToYaml()
    {
        if (Users.Count != RequiredUserCount)
        {
            throw new InvalidOperationException($"The Playground needs exactly {RequiredUserCount} users besides the current user; got {Users.Count}.");
        }

        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by the SupportBot end-to-end tests. Schema: https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json");
        yaml.AppendLine("version: \"0.1.1\"");
        Field(yaml, "", "tenantId", TenantId);
        yaml.AppendLine("bot:");
        Field(yaml, "  ", "id", Bot.Id);
        Field(yaml, "  ", "name", Bot.Name);
        yaml.AppendLine("currentUser:");
        AppendUser(yaml, CurrentUser, "  ");
        yaml.AppendLine("users:");
        foreach (var user in Users)
        {
            AppendUser(yaml, user, "  - ", "    ");
        }

        yaml.AppendLine("personalChat:");
        Field(yaml, "  ", "id", PersonalChatId);
        yaml.AppendLine("groupChat:");
        Field(yaml, "  ", "id", GroupChatId);
        Field(yaml, "  ", "name", GroupChatName);
        yaml.AppendLine("team:");
        Field(yaml, "  ", "id", Team.Id);
        Field(yaml, "  ", "name", Team.Name);
        Field(yaml, "  ", "aadGroupId", Team.AadGroupId);
        yaml.AppendLine("  channels:");
        Field(yaml, "    - ", "id", Team.ChannelId);
        Field(yaml, "      ", "name", Team.ChannelName);
        return yaml.ToString();
    }

    private static void AppendUser(StringBuilder yaml, PlaygroundUser user, string firstIndent, string? indent = null)
    {
        indent ??= firstIndent;
        Field(yaml, firstIndent, "id", user.Id);
        Field(yaml, indent, "name", user.Name);
        // "userPrincipleName" (sic) is the Playground's spelling.
        Field(yaml, indent, "userPrincipleName", user.UserPrincipalName);
        Field(yaml, indent, "aadObjectId", user.AadObjectId);
        Field(yaml, indent, "givenName", user.GivenName);
        Field(yaml, indent, "surname", user.Surname);
        Field(yaml, indent, "email", user.Email);
    }

    private static void Field(StringBuilder yaml, string indent, string key, string value) =>
        yaml.Append(indent).Append(key).Append(": ").AppendLine(Quote(value));

    /// <summary>A YAML double-quoted scalar (JSON string escaping is valid there).</summary>
    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}

public sealed record PlaygroundBot(string Id, string Name);

public sealed record PlaygroundUser(
    string Id,
    string Name,
    string UserPrincipalName,
    string AadObjectId,
    string GivenName,
    string Surname,
    string Email);

/// <summary>A team: its General channel has the team's id; the Playground allows one more channel.</summary>
public sealed record PlaygroundTeam(string Id, string Name, string AadGroupId, string ChannelId, string ChannelName);

using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Testing;

namespace SupportBot.EndToEndTests.Harness;

/// <summary>Someone a test acts as: a Teams user with a stable AAD object id (from <c>people.json</c>).</summary>
public sealed record Person(
    string Key,
    string Role,
    string Id,
    string Name,
    string GivenName,
    string Surname,
    string Email,
    string AadObjectId)
{
    public PlaygroundUser ToPlaygroundUser() => new(Id, Name, Email, AadObjectId, GivenName, Surname, Email);

    public override string ToString() => $"{Name} ({Key})";
}

/// <summary>The people and the tenant in <c>people.json</c>, the one data file that defines who the tests act as.</summary>
public static class People
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };
    private static readonly Lazy<PeopleFile> s_file = new(Load);

    /// <summary>A security officer in a municipality: reports incidents.</summary>
    public static Person Staff => ByKey("staff");

    /// <summary>An adviser at the association: takes escalated cases.</summary>
    public static Person Adviser => ByKey("adviser");

    /// <summary>The other adviser at the association (the backup, and who a case is handed over to).</summary>
    public static Person SecondAdviser => ByKey("adviser2");

    /// <summary>A head of chancellery: asks for checklists and overviews.</summary>
    public static Person Manager => ByKey("manager");

    public static IReadOnlyList<Person> All => s_file.Value.People;

    public static string TenantId => s_file.Value.TenantId;

    public static PlaygroundBot Bot => s_file.Value.Bot;

    public static GroupChatData GroupChat => s_file.Value.GroupChat;

    public static TeamData Team => s_file.Value.Team;

    public static Person ByKey(string key) =>
        All.SingleOrDefault(p => p.Key == key) ?? throw new KeyNotFoundException($"people.json has no person with key '{key}'.");

    /// <summary>
    /// The Playground configuration in which <paramref name="me"/> is the current user and everybody else in
    /// <c>people.json</c> is one of the five other users. Conversation ids get <paramref name="conversationSuffix"/>
    /// so that a fresh Playground starts fresh conversations (the bot greets once per conversation).
    /// </summary>
    public static PlaygroundConfig PlaygroundConfigFor(Person me, string conversationSuffix)
    {
        ArgumentNullException.ThrowIfNull(me);
        var file = s_file.Value;
        var others = file.People.Where(p => p.Key != me.Key).Select(p => p.ToPlaygroundUser()).ToList();
        return new PlaygroundConfig(
            file.TenantId,
            file.Bot,
            me.ToPlaygroundUser(),
            others,
            // Teams gives every person their own personal chat with the bot.
            PersonalChatId: $"a:e2e-personal-{me.Key}{conversationSuffix}",
            GroupChatId: WithSuffix(file.GroupChat.Id, conversationSuffix),
            GroupChatName: file.GroupChat.Name,
            new PlaygroundTeam(
                WithSuffix(file.Team.Id, conversationSuffix),
                file.Team.Name,
                file.Team.AadGroupId,
                WithSuffix(file.Team.Channel.Id, conversationSuffix),
                file.Team.Channel.Name));
    }

    /// <summary>"19:abc@thread.v2" with "-2" is "19:abc-2@thread.v2", so the id keeps the shape Teams gives it.</summary>
    private static string WithSuffix(string id, string suffix)
    {
        var at = id.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? id + suffix : id[..at] + suffix + id[at..];
    }

    private static PeopleFile Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "people.json");
        var file = JsonSerializer.Deserialize<PeopleFile>(File.ReadAllText(path), s_json)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (file.People.Count != PlaygroundConfig.RequiredUserCount + 1)
        {
            throw new InvalidDataException(
                $"{path} must list exactly {PlaygroundConfig.RequiredUserCount + 1} people: the Playground needs its current user plus exactly {PlaygroundConfig.RequiredUserCount} others.");
        }

        return file;
    }

    public sealed record GroupChatData(string Id, string Name);

    public sealed record ChannelData(string Id, string Name);

    public sealed record TeamData(string Id, string Name, string AadGroupId, ChannelData Channel);

    private sealed record PeopleFile(
        [property: JsonPropertyName("tenantId")] string TenantId,
        [property: JsonPropertyName("bot")] PlaygroundBot Bot,
        [property: JsonPropertyName("groupChat")] GroupChatData GroupChat,
        [property: JsonPropertyName("team")] TeamData Team,
        [property: JsonPropertyName("people")] IReadOnlyList<Person> People);
}

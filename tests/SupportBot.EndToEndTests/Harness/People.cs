using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Testing;

namespace SupportBot.EndToEndTests.Harness;

/// <summary>Someone a test acts as: a Teams user with a stable AAD object id in one tenant (from <c>people.json</c>).</summary>
public sealed record Person(
    string Key,
    string Role,
    string Id,
    string Name,
    string GivenName,
    string Surname,
    string Email,
    string AadObjectId,
    [property: JsonPropertyName("tenant")] string TenantKey)
{
    /// <summary>The Microsoft 365 tenant the person signs in to; their Playground sends it on every activity.</summary>
    [JsonIgnore]
    public Tenant Tenant => People.TenantByKey(TenantKey);

    public PlaygroundUser ToPlaygroundUser() => new(Id, Name, Email, AadObjectId, GivenName, Surname, Email);

    public override string ToString() => $"{Name} ({Key})";
}

/// <summary>
/// A Microsoft 365 tenant of <c>people.json</c> and the organisations (SCB codes) it reports for: none for SKR's own
/// tenant (the advisers') and for the tenant that has not joined.
/// </summary>
public sealed record Tenant(string Key, string About, string Id, IReadOnlyList<string> Organisations)
{
    public override string ToString() => $"tenant {Key} ({Id})";
}

/// <summary>The people and the tenants in <c>people.json</c>, the one data file that defines who the tests act as.</summary>
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

    /// <summary>A head of chancellery in tenant A: asks for checklists and overviews.</summary>
    public static Person Manager => ByKey("manager");

    /// <summary>A security officer in tenant B, which reports for two municipalities: she chooses which.</summary>
    public static Person StaffB => ByKey("staff-b");

    /// <summary>Someone whose municipality's tenant has not joined: refused, and nothing is stored.</summary>
    public static Person Stranger => ByKey("stranger");

    public static IReadOnlyList<Person> All => s_file.Value.People;

    public static IReadOnlyList<Tenant> Tenants => s_file.Value.Tenants;

    /// <summary>A municipality's tenant with one organisation (Karin's and Maria's).</summary>
    public static Tenant TenantA => TenantByKey("a");

    /// <summary>A tenant with two organisations (Sara's).</summary>
    public static Tenant TenantB => TenantByKey("b");

    /// <summary>SKR's tenant, the advisers'.</summary>
    public static Tenant SkrTenant => TenantByKey("skr");

    public static Tenant TenantByKey(string key) =>
        Tenants.SingleOrDefault(t => t.Key == key) ?? throw new KeyNotFoundException($"people.json has no tenant with key '{key}'.");

    public static PlaygroundBot Bot => s_file.Value.Bot;

    public static GroupChatData GroupChat => s_file.Value.GroupChat;

    public static TeamData Team => s_file.Value.Team;

    public static Person ByKey(string key) =>
        All.SingleOrDefault(p => p.Key == key) ?? throw new KeyNotFoundException($"people.json has no person with key '{key}'.");

    /// <summary>
    /// The Playground configuration in which <paramref name="me"/> is the current user in their own tenant and five
    /// others of <c>people.json</c> (those of the same tenant first) are the other users. Conversation ids get <paramref name="conversationSuffix"/>
    /// so that a fresh Playground starts fresh conversations (the bot greets once per conversation).
    /// </summary>
    public static PlaygroundConfig PlaygroundConfigFor(Person me, string conversationSuffix)
    {
        ArgumentNullException.ThrowIfNull(me);
        var file = s_file.Value;
        var others = file.People.Where(p => p.Key != me.Key)
            .OrderBy(p => p.TenantKey == me.TenantKey ? 0 : 1)
            .Take(PlaygroundConfig.RequiredUserCount)
            .Select(p => p.ToPlaygroundUser())
            .ToList();
        return new PlaygroundConfig(
            me.Tenant.Id,
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
        if (file.People.Count < PlaygroundConfig.RequiredUserCount + 1)
        {
            throw new InvalidDataException(
                $"{path} must list at least {PlaygroundConfig.RequiredUserCount + 1} people: the Playground needs its current user plus exactly {PlaygroundConfig.RequiredUserCount} others.");
        }

        if (file.People.FirstOrDefault(p => file.Tenants.All(t => t.Key != p.TenantKey)) is { } homeless)
        {
            throw new InvalidDataException($"{path}: {homeless.Name} belongs to tenant '{homeless.TenantKey}', which is not listed under 'tenants'.");
        }

        return file;
    }

    public sealed record GroupChatData(string Id, string Name);

    public sealed record ChannelData(string Id, string Name);

    public sealed record TeamData(string Id, string Name, string AadGroupId, ChannelData Channel);

    private sealed record PeopleFile(
        [property: JsonPropertyName("tenants")] IReadOnlyList<Tenant> Tenants,
        [property: JsonPropertyName("bot")] PlaygroundBot Bot,
        [property: JsonPropertyName("groupChat")] GroupChatData GroupChat,
        [property: JsonPropertyName("team")] TeamData Team,
        [property: JsonPropertyName("people")] IReadOnlyList<Person> People);
}

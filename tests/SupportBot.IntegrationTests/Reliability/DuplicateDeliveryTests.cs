using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SupportBot.Bot.Deduplication;
using SupportBot.Bot.Escalations;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;
using SupportBot.Storage.ProcessedActivities;

namespace SupportBot.IntegrationTests.Reliability;

/// <summary>
/// Teams and the Bot Connector retry deliveries. The same activity (same id, same conversation) delivered again — after
/// the first was answered, at the same moment, or to a second instance — is processed once: one case, one escalation,
/// one answer. The claims live in Table Storage, so two hosts on one store share them.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class DuplicateDeliveryTests(AzuriteFixture azurite)
{
    private const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000d1";
    private const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000d2";

    private static readonly string[] s_clicks =
    [
        "danger=no", "what=threat", "channel=email", "targets=official", "markers=weapons", "repeated=no",
        "reported=no", "role=yes", "when=yesterday",
    ];

    /// <summary>A host whose test tenant reports for <paramref name="organisation"/> alone (its cases get a partition of their own).</summary>
    private BotFactory Host(string organisation) => new(azurite.ConnectionString, new Dictionary<string, string?>(TestOrganisations.Onboard(TeamsActivities.TenantId, SupportBot.Dialogs.Organisations.OrganisationDirectory.Load().Find(organisation)!))
    {
        ["Support:Advisers:0:AadObjectId"] = SafetyAdviserAad,
        ["Support:Advisers:0:TenantId"] = TeamsActivities.TenantId,
        ["Support:Advisers:1:AadObjectId"] = ThreatsAdviserAad,
        ["Support:Advisers:1:TenantId"] = TeamsActivities.TenantId,
    });

    private static JsonObject Click(string conversation, string step, string value, string verb = "answer")
    {
        var activity = TeamsActivities.Message(conversation, string.Empty);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = verb, ["step"] = step, ["value"] = value };
        return activity;
    }

    private static async Task<JsonArray> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!["activities"]?.AsArray() ?? [];
    }

    /// <summary>Drives a triage to the question before its last answer; returns the last answer's activity, not yet sent.</summary>
    private static async Task<JsonObject> TriageUntilLastAnswerAsync(HttpClient client, string conversation)
    {
        await PostAsync(client, TeamsActivities.Message(conversation, "rapportera"));
        foreach (var click in s_clicks)
        {
            await PostAsync(client, Click(conversation, click.Split('=')[0], click.Split('=')[1]));
        }

        await PostAsync(client, Click(conversation, "reporter-role", "security-officer"));
        await PostAsync(client, Click(conversation, "wellbeing", "worried"));
        await PostAsync(client, Click(conversation, "consent", "yes"));
        return Click(conversation, "description", string.Empty);
    }

    private async Task<IReadOnlyList<CaseRecord>> CasesOfAsync(string organisation)
    {
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        var cases = new List<CaseRecord>();
        await foreach (var row in tables.GetTableClient(StoredTables.Incidents).QueryAsync<CaseEntity>(e => e.PartitionKey == TestOrganisations.KeyOf(organisation)))
        {
            cases.Add(new CaseRecord(row.RowKey, row.PartitionKey, row.OrganisationName ?? string.Empty, string.Empty, string.Empty, Urgency.Hog, new Dictionary<string, string>(), row.CreatedAt, CaseStatus.New, "sv"));
        }

        return cases;
    }

    [Fact]
    public async Task LastTriageAnswerDeliveredTwice_OneCaseAndTheSecondGetsNoAnswer()
    {
        var organisation = TestOrganisations.Next().Code;
        await using var host = Host(organisation);
        using var client = host.CreateClient();
        var conversation = "a:dup-" + Guid.NewGuid().ToString("N");
        var last = await TriageUntilLastAnswerAsync(client, conversation);

        var first = await PostAsync(client, last);
        var second = await PostAsync(client, (JsonObject)last.DeepClone());

        Assert.Contains("HH-", Assert.Single(first)!["attachments"]![0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(second);
        Assert.Single(await CasesOfAsync(organisation));
    }

    [Fact]
    public async Task SameActivityAtTheSameMomentOnTwoInstances_ProcessedOnce()
    {
        var organisation = TestOrganisations.Next().Code;
        await using var first = Host(organisation);
        await using var second = Host(organisation);
        using var one = first.CreateClient();
        using var two = second.CreateClient();
        var conversation = "a:dup2-" + Guid.NewGuid().ToString("N");
        var last = await TriageUntilLastAnswerAsync(one, conversation);

        var answers = await Task.WhenAll(PostAsync(one, last), PostAsync(two, (JsonObject)last.DeepClone()));

        Assert.Equal(1, answers.Count(a => a.Count > 0));
        Assert.Single(await CasesOfAsync(organisation));
        ReliabilityFigures.Record("duplicate deliveries processed twice", 0, required: 0);
    }

    [Fact]
    public async Task SameTypedAnswerAtTheSameMomentOnTwoInstances_AnsweredOnceWithoutAClaimAndTheTriageMovesOnOnce()
    {
        var organisation = TestOrganisations.Next().Code;
        await using var first = Host(organisation);
        await using var second = Host(organisation);
        using var one = first.CreateClient();
        using var two = second.CreateClient();
        var claims = TableClients.FromConnectionString(azurite.ConnectionString).GetTableClient(StoredTables.ProcessedActivities);
        await claims.CreateIfNotExistsAsync();

        // Several rounds: which copy reads, writes or loses first varies from round to round.
        for (var round = 0; round < 6; round++)
        {
            var conversation = $"a:dup-typed-{round}-" + Guid.NewGuid().ToString("N");
            await PostAsync(round % 2 == 0 ? one : two, TeamsActivities.Message(conversation, "rapportera"));
            var typed = TeamsActivities.Message(conversation, "nej");

            var answers = await Task.WhenAll(PostAsync(one, typed), PostAsync(two, (JsonObject)typed.DeepClone()));

            // One copy asks the next question; the other says nothing at all (no second question, no conflict apology).
            var spoken = Assert.Single(answers, a => a.Count > 0);
            Assert.Contains("\"step\":\"what\"", Assert.Single(spoken)!.ToJsonString(), StringComparison.Ordinal);
            var next = await PostAsync(round % 2 == 0 ? two : one, Click(conversation, "what", "threat"));
            Assert.Contains("\"step\":\"channel\"", Assert.Single(next)!.ToJsonString(), StringComparison.Ordinal);

            // A turn that changes only the conversation state leaves no claim behind: the state's ETag decided.
            var key = KeyHash.Of(conversation + "\n" + typed["id"]!.GetValue<string>());
            Assert.False((await claims.GetEntityIfExistsAsync<ProcessedActivityEntity>(key[..2], key)).HasValue);
        }
    }

    [Fact]
    public async Task EscalateDeliveredTwice_OneEscalationAndOneNotification()
    {
        var organisation = TestOrganisations.Next().Code;
        await using var host = Host(organisation);
        using var client = host.CreateClient();
        var conversation = "a:dup3-" + Guid.NewGuid().ToString("N");
        await PostAsync(client, await TriageUntilLastAnswerAsync(client, conversation));
        var record = Assert.Single(await CasesOfAsync(organisation));
        var escalate = TeamsActivities.Message(conversation, string.Empty);
        escalate.Remove("text");
        escalate["value"] = new JsonObject { ["verb"] = "escalate", ["value"] = record.CaseNumber };

        var answers = await Task.WhenAll(PostAsync(client, escalate), PostAsync(client, (JsonObject)escalate.DeepClone()));

        Assert.Equal(1, answers.Count(a => a.Count > 0));
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        var escalation = await new EscalationRepository(tables).GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None);
        Assert.NotNull(escalation);
        var notices = new List<string>();
        await foreach (var row in tables.GetTableClient(StoredTables.Escalations).QueryAsync<TableEntity>(e => e.PartitionKey == record.OrganisationKey))
        {
            notices.Add(row.RowKey);
        }

        // The case row, and a notification for each routed adviser — once, not twice.
        Assert.Equal(notices.Count, notices.Distinct().Count());
        Assert.InRange(notices.Count(k => !k.StartsWith(EscalationEntity.RowPrefix, StringComparison.Ordinal)), 1, 3);
    }

    [Fact]
    public async Task CardActionInvokeDeliveredTwice_SecondIsAnsweredAlreadyReceived()
    {
        await using var host = Host(TestOrganisations.Default.Code);
        using var client = host.CreateClient();
        var invoke = TeamsActivities.Message("a:dup-invoke-" + Guid.NewGuid().ToString("N"), string.Empty);
        invoke.Remove("text");
        invoke.Remove("deliveryMode");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "case-take", ["data"] = new JsonObject { ["org"] = "x", ["case"] = "HH-2026-0001", ["version"] = 1 } } };

        using var first = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(invoke));
        using var second = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(invoke));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal("Det här har jag redan tagit emot – du behöver inte göra något mer.", body["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claims_ExpireAndAreDeletedByTheCleanup()
    {
        var store = new ProcessedActivityRepository(TableClients.FromConnectionString(azurite.ConnectionString));
        var conversation = "a:expiry-" + Guid.NewGuid().ToString("N");
        var past = DateTimeOffset.UtcNow.AddYears(-30);

        Assert.Equal(ClaimOutcome.Claimed, await store.ClaimAsync(conversation, "1", past, CancellationToken.None));
        Assert.Equal(ClaimOutcome.Duplicate, await store.ClaimAsync(conversation, "1", past, CancellationToken.None));
        Assert.Equal(ClaimOutcome.Claimed, await store.ClaimAsync(conversation, "2", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None));

        Assert.True(await store.DeleteExpiredAsync(past.AddSeconds(1), CancellationToken.None) >= 1);

        Assert.Equal(ClaimOutcome.Claimed, await store.ClaimAsync(conversation, "1", past, CancellationToken.None));
        Assert.Equal(ClaimOutcome.Duplicate, await store.ClaimAsync(conversation, "2", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task ReleasedClaim_IsProcessedOnRetry()
    {
        var store = new ProcessedActivityRepository(TableClients.FromConnectionString(azurite.ConnectionString));
        var conversation = "a:release-" + Guid.NewGuid().ToString("N");

        Assert.Equal(ClaimOutcome.Claimed, await store.ClaimAsync(conversation, "1", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None));
        await store.ReleaseAsync(conversation, "1", CancellationToken.None);

        Assert.Equal(ClaimOutcome.Claimed, await store.ClaimAsync(conversation, "1", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None));
    }
}

using SupportBot.IntegrationTests.Escalations;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Options;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Cards;
using SupportBot.Dialogs;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Testing;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Reliability;

/// <summary>
/// Table Storage goes away in the middle of conversations and comes back (own Azurite behind a proxy that the tests cut,
/// so what was stored survives as it would in a real storage account). People
/// are told clearly, with 112, 114 14 and SKL's switchboard; nothing is stored half; conversations continue where they
/// were; the outbox delivers what was queued; /healthz says unhealthy meanwhile.
/// </summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    /// <summary>E-mail to advisers Teams could not reach, recorded (the SMTP path itself is tested against a real server).</summary>
    private RecordingMail Mail { get; } = new();

    private const string Switchboard = "08-452 70 00";

    private static readonly string[] s_clicks =
    [
        "danger=no", "what=threat", "channel=email", "targets=official", "markers=none", "repeated=no",
        "reported=no", "role=yes", "when=yesterday",
    ];

    private Azurite _azurite = null!;
    private StorageProxy _proxy = null!;

    private string ConnectionString => _proxy.ConnectionStringFor(_azurite);

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _proxy = StorageProxy.Start(_azurite);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static JsonObject Click(string conversation, string step, string value)
    {
        var activity = TeamsActivities.Message(conversation, string.Empty);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = "answer", ["step"] = step, ["value"] = value };
        return activity;
    }

    private static async Task<JsonNode> TurnAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray())!;
    }

    private static string Question(JsonNode reply) => reply["attachments"]?[0]?["content"]?.ToJsonString() ?? reply["text"]?.GetValue<string>() ?? string.Empty;

    private async Task<int> CaseRowsAsync(string organisation)
    {
        var rows = 0;
        var table = TableClients.FromConnectionString(ConnectionString).GetTableClient(StoredTables.Incidents);
        await table.CreateIfNotExistsAsync(); // a fresh Azurite has no case table until the first case
        await foreach (var row in TableClients.FromConnectionString(ConnectionString).GetTableClient(StoredTables.Incidents)
            .QueryAsync<CaseEntity>(e => e.PartitionKey == TestOrganisations.KeyOf(organisation)))
        {
            Assert.Contains("\"what\":\"threat\"", row.AnswersJson, StringComparison.Ordinal); // a whole case, never half
            rows++;
        }

        return rows;
    }

    [Fact]
    public async Task StorageStopsMidTriage_PeopleAreToldClearly_TheTriageContinuesAfterwards_OneWholeCase()
    {
        var organisation = TestOrganisations.Next();
        await using var host = new BotFactory(ConnectionString, new Dictionary<string, string?>(TestOrganisations.Onboard(TeamsActivities.TenantId, organisation)) { ["Health:ProbeCacheSeconds"] = "0" });
        using var client = host.CreateClient();
        var early = "a:fault-early-" + Guid.NewGuid().ToString("N");
        var late = "a:fault-late-" + Guid.NewGuid().ToString("N");
        await TurnAsync(client, TeamsActivities.Message(early, "rapportera"));
        await TurnAsync(client, Click(early, "danger", "no"));
        await TurnAsync(client, TeamsActivities.Message(late, "rapportera"));
        foreach (var click in s_clicks)
        {
            await TurnAsync(client, Click(late, click.Split('=')[0], click.Split('=')[1]));
        }

        await TurnAsync(client, Click(late, "reporter-role", "security-officer"));
        await TurnAsync(client, Click(late, "wellbeing", "worried"));
        await TurnAsync(client, Click(late, "consent", "yes"));
        var faults = 0;

        _proxy.Cut();
        faults++;
        foreach (var (activity, locale) in new[]
        {
            (Click(early, "what", "threat"), "sv-SE"),
            (Click(late, "description", string.Empty), "sv-SE"),
            (TeamsActivities.Message(early, "help", "en-US"), "en-US"),
        })
        {
            activity["locale"] = locale;
            var text = (await TurnAsync(client, activity))["text"]!.GetValue<string>();
            Assert.Contains("112", text, StringComparison.Ordinal);
            Assert.Contains("114 14", text, StringComparison.Ordinal);
            Assert.Contains(Switchboard, text, StringComparison.Ordinal);
            Assert.StartsWith(locale == "en-US" ? "I cannot reach my storage" : "Jag kan inte nå min lagring", text, StringComparison.Ordinal);
        }

        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        _proxy.Restore();
        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.Equal(0, await CaseRowsAsync(organisation.Code));

        // Both conversations go on from where they were when storage went away.
        // The early one answered "what happened" and gets the next question, how it happened.
        Assert.Contains("\"step\":\"channel\"", Question(await TurnAsync(client, Click(early, "what", "threat"))), StringComparison.Ordinal);
        var guidance = Question(await TurnAsync(client, Click(late, "description", string.Empty)));
        Assert.Contains("HH-", guidance, StringComparison.Ordinal);
        Assert.Equal(1, await CaseRowsAsync(organisation.Code));
        ReliabilityFigures.Record("storage outages injected mid-triage", faults);
        ReliabilityFigures.Record("half-stored cases after an outage", 0, required: 0);
    }

    [Fact]
    public async Task StorageAwayWhileNotificationsAreQueued_OutboxDeliversEachOnceWhenItIsBack()
    {
        var support = new SupportOptions
        {
            Advisers =
            [
                new AdviserOptions { Key = "safety", Name = "Greta Berg", Title = "Trygghet", Email = "g@example.org", Phone = "1", AadObjectId = "00000000-0000-4000-8000-0000000000e1", TenantId = TeamsActivities.AdviserTenantId },
                new AdviserOptions { Key = "threats-hate-violence", Name = "Anna Lena Pogulis", Title = "Hot, hat, våld", Email = "a@example.org", Phone = "2", AadObjectId = "00000000-0000-4000-8000-0000000000e2", TenantId = TeamsActivities.AdviserTenantId },
            ],
            Switchboard = new SwitchboardOptions { Name = "SKR", FormerName = "SKL", Phone = Switchboard },
        };
        var tables = TableClients.FromConnectionString(ConnectionString);
        var escalations = new EscalationRepository(tables);
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var contacts = SupportContactsFactory.From(support);
        var triageCards = new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, contacts);
        var calendar = new OfficeCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(8, 0), new TimeOnly(17, 0));
        var cards = new EscalationCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, contacts, triageCards, calendar);
        var messenger = new Mock<ITeamsMessenger>();
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Delivery(DeliveryResult.Delivered));
        var processor = new OutboxProcessor(
            escalations, incidents, messenger.Object, Mail, cards,
            SupportBot.Bot.Options.SupportContactsFactory.From(support),
            new OutboxSettings(2, 3),
            new SupportBot.Storage.Tables.StorageFailures(),
            TimeProvider.System, NullLogger<OutboxProcessor>.Instance);
        var organisation = "Köby " + Guid.NewGuid().ToString("N")[..8];
        var record = await incidents.CreateAsync(
            new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, "reporter-queue", "Karin Ek", Urgency.Hog, new Dictionary<string, string> { ["what"] = "threat", ["markers"] = "weapons", ["organisation"] = organisation }, DateTimeOffset.UtcNow, "sv"),
            CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        Assert.True(await escalations.SubmitAsync(EscalationRecord.From(record, decision, DateTimeOffset.UtcNow), decision.NotifyNow, CancellationToken.None));

        _proxy.Cut();
        await Assert.ThrowsAnyAsync<Exception>(() => processor.ProcessDueAsync(CancellationToken.None));
        messenger.Verify(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()), Times.Never);
        _proxy.Restore();

        var delivered = await processor.ProcessDueAsync(CancellationToken.None);
        await processor.ProcessDueAsync(CancellationToken.None);

        Assert.Equal(decision.NotifyNow.Count, delivered);
        messenger.Verify(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()), Times.Exactly(decision.NotifyNow.Count));
        ReliabilityFigures.Record("storage outages injected with notifications queued", 1);
        ReliabilityFigures.Record("queued notifications lost in an outage", 0, required: 0);
    }
}

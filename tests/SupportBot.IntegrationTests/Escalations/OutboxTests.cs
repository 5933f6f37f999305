using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SupportBot.Bot.Escalations;
using SupportBot.IntegrationTests.Reliability;
using SupportBot.Testing;
using SupportBot.Bot.Mail;
using SupportBot.Bot.Incidents;
using SupportBot.Bot.Options;
using SupportBot.Bot.Storage;
using SupportBot.Cards;
using SupportBot.Dialogs;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;

namespace SupportBot.IntegrationTests.Escalations;

/// <summary>
/// The escalation outbox on Azurite: saved atomically with the escalation, delivered exactly once even when
/// the bot stopped between saving and sending or two instances race, retried on transient failures, and
/// never silent when an adviser cannot be reached.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class OutboxTests(AzuriteFixture azurite)
{
    /// <summary>E-mail to advisers Teams could not reach, recorded (the SMTP path itself is tested against a real server).</summary>
    private RecordingMail Mail { get; } = new();

    private const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000a1";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    private static readonly SupportOptions Support = new()
    {
        Advisers =
        [
            new AdviserOptions { Key = "safety", Name = "Greta Berg", Title = "Trygghet", Email = "g@example.org", Phone = "1", AadObjectId = SafetyAdviserAad, TenantId = TeamsActivities.AdviserTenantId },
            new AdviserOptions { Key = "threats-hate-violence", Name = "Anna Lena Pogulis", Title = "Hot, hat, våld", Email = "a@example.org", Phone = "2", AadObjectId = "00000000-0000-4000-8000-0000000000a2", TenantId = TeamsActivities.AdviserTenantId },
        ],
        Switchboard = new SwitchboardOptions { Name = "SKR", FormerName = "SKL", Phone = "08-452 70 00" },
    };

    private sealed record Parts(EscalationRepository Escalations, IncidentRepository Incidents, OutboxProcessor Processor);

    /// <summary>One "bot process": its own clients and repositories over the shared Azurite.</summary>
    private Parts NewProcess(ITeamsMessenger messenger, IAdviserMail? mail = null)
    {
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        var escalations = new EscalationRepository(tables);
        var incidents = new IncidentRepository(tables, new CaseNumberAllocator(tables));
        var contacts = SupportContactsFactory.From(Support);
        var triageCards = new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, contacts);
        var calendar = new OfficeCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(8, 0), new TimeOnly(17, 0));
        var cards = new EscalationCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, contacts, triageCards, calendar);
        var processor = new OutboxProcessor(
            escalations, incidents, messenger, mail ?? Mail, cards,
            Microsoft.Extensions.Options.Options.Create(Support),
            Microsoft.Extensions.Options.Options.Create(new TeamsOptions { OutboxMaxAttempts = 3 }),
            _time, NullLogger<OutboxProcessor>.Instance);
        return new Parts(escalations, incidents, processor);
    }

    private async Task<(CaseRecord Case, EscalationRecord Escalation)> EscalateAsync(Parts parts, string organisation, string what = "threat", string markers = "weapons")
    {
        var record = await parts.Incidents.CreateAsync(
            new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, "reporter-" + Guid.NewGuid().ToString("N"), "Karin Ek", Urgency.Hog,
                new Dictionary<string, string> { ["what"] = what, ["markers"] = markers, ["channel"] = "email", ["organisation"] = organisation },
                _time.GetUtcNow(), "sv"),
            CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        var escalation = EscalationRecord.From(record, decision, _time.GetUtcNow());
        Assert.True(await parts.Escalations.SubmitAsync(escalation, decision.NotifyNow, CancellationToken.None));
        return (record, escalation);
    }

    private static Mock<ITeamsMessenger> Messenger(DeliveryResult result = DeliveryResult.Delivered)
    {
        var messenger = new Mock<ITeamsMessenger>();
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Delivery(result));
        return messenger;
    }

    private static string Organisation() => "Kommun " + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task SubmitAsync_SavesEscalationAndNotificationsTogether_SecondTimeChangesNothing()
    {
        var parts = NewProcess(Messenger().Object);
        var (record, escalation) = await EscalateAsync(parts, Organisation());

        var rows = new List<TableEntity>();
        await foreach (var row in parts.Escalations.Table.QueryAsync<TableEntity>(e => e.PartitionKey == record.OrganisationKey))
        {
            rows.Add(row);
        }

        Assert.Equal(["case|" + record.CaseNumber, "out|" + record.CaseNumber], rows.Select(r => r.RowKey.Split('|')[0] + "|" + r.RowKey.Split('|')[1]).Order());
        Assert.False(await parts.Escalations.SubmitAsync(escalation, ["safety", "threats-hate-violence"], CancellationToken.None));
        var after = 0;
        await foreach (var row in parts.Escalations.Table.QueryAsync<TableEntity>(e => e.PartitionKey == record.OrganisationKey))
        {
            after++;
        }

        Assert.Equal(2, after);
    }

    [Fact]
    public async Task Outbox_BotStoppedAfterSavingBeforeSending_NewProcessDeliversExactlyOnce()
    {
        // The first "process" saves the escalation and dies before its sender runs.
        var (record, _) = await EscalateAsync(NewProcess(Messenger().Object), Organisation());

        // After the restart two instances pick up the outbox at the same moment.
        var messenger = Messenger();
        var first = NewProcess(messenger.Object);
        var second = NewProcess(messenger.Object);
        await Task.WhenAll(first.Processor.ProcessDueAsync(CancellationToken.None), second.Processor.ProcessDueAsync(CancellationToken.None));
        await first.Processor.ProcessDueAsync(CancellationToken.None);

        messenger.Verify(
            m => m.SendToPersonAsync(SafetyAdviserAad, It.Is<IMessageActivity>(a => CardMentions(a, record.CaseNumber)), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task Outbox_TransientFailure_IsRetriedLaterAndDeliveredOnce()
    {
        var (record, _) = await EscalateAsync(NewProcess(Messenger().Object), Organisation());
        var messenger = new Mock<ITeamsMessenger>();
        messenger.SetupSequence(m => m.SendToPersonAsync(SafetyAdviserAad, It.Is<IMessageActivity>(a => CardMentions(a, record.CaseNumber)), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"))
            .ReturnsAsync(new Delivery(DeliveryResult.Delivered));
        var parts = NewProcess(messenger.Object);

        await parts.Processor.ProcessDueAsync(CancellationToken.None);
        await parts.Processor.ProcessDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        await parts.Processor.ProcessDueAsync(CancellationToken.None);
        await parts.Processor.ProcessDueAsync(CancellationToken.None);

        messenger.Verify(m => m.SendToPersonAsync(SafetyAdviserAad, It.Is<IMessageActivity>(a => CardMentions(a, record.CaseNumber)), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Outbox_AdviserUnreachable_NotifiesBackupAndTellsReporterToPhone()
    {
        var (record, escalation) = await EscalateAsync(NewProcess(Messenger().Object), Organisation());
        var messenger = GretaUnreachable();
        var parts = NewProcess(messenger.Object);

        await parts.Processor.ProcessDueAsync(CancellationToken.None);
        await parts.Processor.ProcessDueAsync(CancellationToken.None);

        messenger.Verify(m => m.SendToPersonAsync("00000000-0000-4000-8000-0000000000a2", It.Is<IMessageActivity>(a => CardMentions(a, record.CaseNumber)), It.IsAny<CancellationToken>()), Times.Once);
        messenger.Verify(m => m.SendToPersonAsync(escalation.ReporterId, It.Is<IMessageActivity>(a => CardText(a).Contains("08-452 70 00", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
    }

    /// <summary>Teams reaches everyone but Greta, the safety adviser (no consent in her tenant, app removed, …).</summary>
    private static Mock<ITeamsMessenger> GretaUnreachable()
    {
        var messenger = new Mock<ITeamsMessenger>();
        messenger.Setup(m => m.SendToPersonAsync(SafetyAdviserAad, It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(Delivery.Unreachable);
        messenger.Setup(m => m.SendToPersonAsync(It.Is<string>(id => id != SafetyAdviserAad), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Delivery(DeliveryResult.Delivered));
        return messenger;
    }

    private static string CardText(IMessageActivity activity) =>
        Newtonsoft.Json.Linq.JObject.FromObject(activity.Attachments[0].Content).ToString();

    private static bool CardMentions(IMessageActivity activity, string caseNumber)
    {
        var text = CardText(activity);
        return text.Contains(caseNumber, StringComparison.Ordinal) && text.Contains("\"mention\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_AdviserUnreachableInTeams_GetsAnEmailWithoutPersonalDataAndTheReporterIsToldWhatReachedWhom()
    {
        await using var smtp = await Maildev.StartAsync();
        var settings = new SmtpOptions { Host = "127.0.0.1", Port = smtp.SmtpPort, Security = "None", Sender = "supportbot@skr.example" };
        var mail = new SmtpAdviserMail(Microsoft.Extensions.Options.Options.Create(settings), NullLogger<SmtpAdviserMail>.Instance);
        var (record, escalation) = await EscalateAsync(NewProcess(Messenger().Object), Organisation());
        var messenger = GretaUnreachable();
        var parts = NewProcess(messenger.Object, mail);

        await parts.Processor.ProcessDueAsync(CancellationToken.None);
        await parts.Processor.ProcessDueAsync(CancellationToken.None);

        var delivered = await smtp.WaitForAsync("g@example.org", TimeSpan.FromSeconds(20));
        Assert.Contains(record.CaseNumber, delivered.Subject, StringComparison.Ordinal);
        Assert.Contains("HÖG", delivered.Subject, StringComparison.Ordinal);
        Assert.Contains(record.OrganisationName, delivered.Text, StringComparison.Ordinal);
        Assert.Contains("Öppna SupportBot i Teams", delivered.Text, StringComparison.Ordinal);
        foreach (var personal in new[] { "Karin Ek", escalation.ReporterId, "email" })
        {
            Assert.DoesNotContain(personal, delivered.Subject + delivered.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await smtp.InboxAsync(), m => m.To.Contains("a@example.org"));
        // The backup is told why the case came to her, and is not offered to hand it over to herself.
        messenger.Verify(m => m.SendToPersonAsync("00000000-0000-4000-8000-0000000000a2", It.Is<IMessageActivity>(a =>
            CardText(a).Contains("kommer till dig, eftersom Greta Berg inte kunde nås i Teams", StringComparison.Ordinal)
            && !CardText(a).Contains("Lämna över till Anna Lena Pogulis", StringComparison.Ordinal)
            && CardText(a).Contains("Lämna över till Greta Berg", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
        messenger.Verify(m => m.SendToPersonAsync(escalation.ReporterId, It.Is<IMessageActivity>(a =>
            CardText(a).Contains("Greta Berg kunde inte nås i Teams", StringComparison.Ordinal)
            && CardText(a).Contains("e-postmeddelande", StringComparison.Ordinal)
            && CardText(a).Contains("skickats till Anna Lena Pogulis", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
        ReliabilityFigures.Record("unreachable advisers left without an e-mail", 0, required: 0);
    }

    [Fact]
    public async Task Outbox_AdviserUnreachableAndNoSmtpServer_TheReporterIsToldNoEmailWentOut()
    {
        var mail = new SmtpAdviserMail(
            Microsoft.Extensions.Options.Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = FreePort.Next(), Security = "None", Sender = "supportbot@skr.example" }),
            NullLogger<SmtpAdviserMail>.Instance);
        var (_, escalation) = await EscalateAsync(NewProcess(Messenger().Object), Organisation());
        var messenger = GretaUnreachable();
        var parts = NewProcess(messenger.Object, mail);

        await parts.Processor.ProcessDueAsync(CancellationToken.None);
        await parts.Processor.ProcessDueAsync(CancellationToken.None);

        messenger.Verify(m => m.SendToPersonAsync(escalation.ReporterId, It.Is<IMessageActivity>(a => CardText(a).Contains("Inget e-postmeddelande kunde skickas", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
    }
}

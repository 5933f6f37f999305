using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SupportBot.Bot.Escalations;
using SupportBot.IntegrationTests.Reliability;
using SupportBot.Testing;
using SupportBot.Bot.Mail;
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
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

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

    private static readonly SupportOptions Support = EscalationTestBed.Support(SafetyAdviserAad, "00000000-0000-4000-8000-0000000000a2");

    private sealed record Parts(EscalationRepository Escalations, CaseRepository Cases, OutboxProcessor Processor);

    /// <summary>One "bot process": its own clients and repositories over the shared Azurite.</summary>
    private Parts NewProcess(ITeamsMessenger messenger, IAdviserMail? mail = null, int pollSeconds = 2)
    {
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        var escalations = new EscalationRepository(tables);
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var contacts = SupportContactsFactory.From(Support);
        var triageCards = new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, contacts);
        var calendar = EscalationTestBed.OfficeHours;
        var cards = new EscalationCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, contacts, triageCards, calendar);
        var processor = new OutboxProcessor(
            escalations, incidents, messenger, mail ?? Mail, cards,
            SupportBot.Bot.Options.SupportContactsFactory.From(Support),
            new OutboxSettings(pollSeconds, 3),
            new SupportBot.Storage.Tables.StorageFailures(),
            _time, NullLogger<OutboxProcessor>.Instance);
        return new Parts(escalations, incidents, processor);
    }

    private async Task<(CaseRecord Case, EscalationRecord Escalation)> EscalateAsync(Parts parts, string organisation, string what = "threat", string markers = "weapons", Urgency urgency = Urgency.Hog)
    {
        var record = await parts.Cases.CreateAsync(
            new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, "reporter-" + Guid.NewGuid().ToString("N"), "Karin Ek", urgency,
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
    public async Task Outbox_QueuedThenSent_RowKeepsItsStoredColumnsAndNothingElse()
    {
        var parts = NewProcess(Messenger().Object);
        var (record, _) = await EscalateAsync(parts, Organisation());
        for (var pass = 0; pass < 20 && (await OutboxRowsAsync(parts, record.OrganisationKey)).Any(r => r.GetString("State") != OutboxStates.Sent); pass++)
        {
            await parts.Processor.ProcessDueAsync(CancellationToken.None);
        }

        var rows = await OutboxRowsAsync(parts, record.OrganisationKey);
        await DeleteOutboxAsync(parts, record.OrganisationKey);
        Assert.NotEmpty(rows);
        string[] stored = ["PartitionKey", "RowKey", "Timestamp", "odata.etag", "CaseNumber", "RecipientKind", "Recipient", "Kind", "State", "Priority", "Attempts", "NextAttemptAt", "ClaimedAt", "SentAt", "Payload", "LastError"];
        string[] alwaysSet = ["CaseNumber", "RecipientKind", "Recipient", "Kind", "State", "Priority", "Attempts", "NextAttemptAt", "ClaimedAt", "SentAt"];
        foreach (var row in rows)
        {
            Assert.Equal(OutboxStates.Sent, row.GetString("State"));
            Assert.Empty(row.Keys.Except(stored));
            Assert.Empty(alwaysSet.Except(row.Keys));
            Assert.Equal(record.CaseNumber, row.GetString("CaseNumber"));
            Assert.Equal(1, row.GetInt32("Attempts"));
        }
    }

    private static async Task<List<TableEntity>> OutboxRowsAsync(Parts parts, string organisationKey)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in parts.Escalations.Table.QueryAsync<TableEntity>(e => e.PartitionKey == organisationKey))
        {
            if (row.RowKey.StartsWith(OutboxEntity.RowPrefix, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
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

    /// <summary>Adds information to a case as the reporter's "Lägg till information" does (the case's change and the notices in one transaction).</summary>
    private static async Task AddInformationAsync(Parts parts, CaseRecord record, string text)
    {
        var current = await parts.Escalations.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None);
        var changed = current! with { Additions = current.Additions + 1 };
        var notices = new[] { current.PrimaryAdviser, current.BackupAdviser }.OfType<string>().Distinct()
            .Select(r => new EscalationNotice(NoticeRecipients.Adviser, r, NoticeKinds.Information, $"{NoticeKinds.Information}.{changed.Additions}", text))
            .ToList();
        Assert.True(await parts.Escalations.UpdateAsync(changed, notices, CancellationToken.None));
    }

    [Fact]
    public async Task AddedInformation_ManyAdditionsWhilePending_OneMessagePerAdviserWithAllOfThem()
    {
        var parts = NewProcess(Messenger().Object);
        var (record, _) = await EscalateAsync(parts, Organisation(), urgency: Urgency.Normal);

        foreach (var text in new[] { "Första tillägget", "Andra tillägget", "Tredje tillägget" })
        {
            await AddInformationAsync(parts, record, text);
        }

        var information = new List<OutboxEntity>();
        await foreach (var row in parts.Escalations.Table.QueryAsync<OutboxEntity>(e => e.PartitionKey == record.OrganisationKey))
        {
            if (row.Kind == NoticeKinds.Information)
            {
                information.Add(row);
            }
        }

        await DeleteOutboxAsync(parts, record.OrganisationKey);
        var pending = Assert.Single(information);
        Assert.Equal(OutboxStates.Pending, pending.State);
        Assert.Equal(OutboxPriorities.Information, pending.Priority);
        Assert.Contains("Första tillägget", pending.Payload, StringComparison.Ordinal);
        Assert.Contains("Tredje tillägget", pending.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_FloodFromTheFirstSortingOrganisation_AnotherOrganisationsUrgentCaseArrivesWithinOnePollingInterval()
    {
        const int pollSeconds = 2;
        var sent = new System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset At, string Card)>();
        var messenger = new Mock<ITeamsMessenger>();
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, IMessageActivity activity, CancellationToken ct) =>
            {
                sent.Enqueue((DateTimeOffset.UtcNow, CardText(activity)));
                await Task.Delay(20, ct); // a Teams send takes a moment
                return new Delivery(DeliveryResult.Delivered);
            });
        var parts = NewProcess(messenger.Object, pollSeconds: pollSeconds);

        // The flood: 25 normal cases in the organisation whose key sorts first, each with information added three times.
        var flooder = "0 Flod " + Guid.NewGuid().ToString("N")[..8];
        var other = "Zz Annan " + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 25; i++)
        {
            var (record, _) = await EscalateAsync(parts, flooder, urgency: Urgency.Normal);
            for (var n = 0; n < 3; n++)
            {
                await AddInformationAsync(parts, record, "Tillägg " + n);
            }
        }

        var floodQueued = 0;
        await foreach (var row in parts.Escalations.Table.QueryAsync<OutboxEntity>(e => e.PartitionKey == TestOrganisations.KeyOf(flooder)))
        {
            floodQueued += row.RowKey.StartsWith(OutboxEntity.RowPrefix, StringComparison.Ordinal) ? 1 : 0;
        }

        using var sender = new OutboxSender(parts.Processor, Microsoft.Extensions.Options.Options.Create(new TeamsOptions { OutboxPollSeconds = pollSeconds }), TimeProvider.System, NullLogger<OutboxSender>.Instance);
        await sender.StartAsync(CancellationToken.None);
        try
        {
            // The flood is being delivered (200 ms a message, far more than one pass holds) when the urgent case comes.
            var floodStarted = DateTimeOffset.UtcNow;
            while (sent.IsEmpty && DateTimeOffset.UtcNow - floodStarted < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }

            await Task.Delay(700);
            var queuedAt = DateTimeOffset.UtcNow;
            var (urgent, _) = await EscalateAsync(parts, other, urgency: Urgency.Akut);
            DateTimeOffset? deliveredAt = null;
            while (deliveredAt is null && DateTimeOffset.UtcNow - queuedAt < TimeSpan.FromSeconds(60))
            {
                deliveredAt = sent.FirstOrDefault(s => s.Card.Contains(urgent.CaseNumber, StringComparison.Ordinal)).At is { } at && at != default ? at : null;
                await Task.Delay(20);
            }

            Assert.NotNull(deliveredAt);
            var delay = deliveredAt.Value - queuedAt;
            var floodLeft = sent.Count(s => s.Card.Contains("Tillägg", StringComparison.Ordinal));
            var late = delay > TimeSpan.FromSeconds(pollSeconds);
            ReliabilityFigures.Record("outbox flood: other organisation's AKUT delay (ms, polling interval 2000)", (long)delay.TotalMilliseconds);
            ReliabilityFigures.Record("outbox flood: AKUT later than one polling interval", late ? 1 : 0, required: 0);
            ReliabilityFigures.Record("outbox flood: notifications queued by the first-sorting organisation", floodQueued);

            Assert.False(late, $"{delay.TotalMilliseconds:0} ms; flood information delivered so far: {floodLeft}");
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);

            // What the flood left queued must not reach the other tests' processors on this shared Azurite.
            await DeleteOutboxAsync(parts, TestOrganisations.KeyOf(flooder));
            await DeleteOutboxAsync(parts, TestOrganisations.KeyOf(other));
        }
    }

    private static async Task DeleteOutboxAsync(Parts parts, string organisationKey)
    {
        await foreach (var row in parts.Escalations.Table.QueryAsync<TableEntity>(e => e.PartitionKey == organisationKey))
        {
            await parts.Escalations.Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All);
        }
    }
}

using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
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
using SupportBot.Storage.AuditEvents;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Escalations;

/// <summary>
/// Acknowledgement deadlines on Azurite with a fake clock: an unacknowledged HÖG case is re-notified once, then handed
/// to the backup adviser (and the reporter told), counted in office time and acted on inside office hours only.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class DeadlineTests(AzuriteFixture azurite)
{
    /// <summary>E-mail to advisers Teams could not reach, recorded (the SMTP path itself is tested against a real server).</summary>
    private RecordingMail Mail { get; } = new();

    private const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000d1";
    private const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000d2";

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private static readonly SupportOptions Support = EscalationTestBed.Support(SafetyAdviserAad, ThreatsAdviserAad);

    // Each test sets its own start; a FakeTimeProvider cannot go back in time.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    private sealed record Parts(
        EscalationRepository Escalations,
        CaseRepository Cases,
        AuditRepository Audit,
        AcknowledgementDeadlines Deadlines,
        DeadlineProcessor Deadline,
        OutboxProcessor Outbox,
        CaseLifecycle Lifecycle);

    private Parts NewProcess(ITeamsMessenger messenger)
    {
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        var escalations = new EscalationRepository(tables);
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var audit = new AuditRepository(tables);
        var contacts = SupportContactsFactory.From(Support);
        var calendar = EscalationTestBed.OfficeHours;
        var deadlines = new AcknowledgementDeadlines(calendar, new Dictionary<string, string> { ["HOG"] = "00:30", ["AKUT"] = "00:15" });
        var triageCards = new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, contacts);
        var cards = new EscalationCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, contacts, triageCards, calendar);
        var outbox = new OutboxProcessor(
            escalations, incidents, messenger, Mail, cards,
            SupportBot.Bot.Options.SupportContactsFactory.From(Support),
            new OutboxSettings(2, 3),
            new SupportBot.Storage.Tables.StorageFailures(),
            _time, NullLogger<OutboxProcessor>.Instance);
        var deadline = new DeadlineProcessor(escalations, audit, deadlines, contacts, _time, NullLogger<DeadlineProcessor>.Instance);
        var lifecycle = new CaseLifecycle(escalations, incidents, audit, contacts, deadlines, _time, TestPseudonyms.Instance);
        return new Parts(escalations, incidents, audit, deadlines, deadline, outbox, lifecycle);
    }

    /// <summary>A HÖG threat with weapons: routed to "safety", with "threats-hate-violence" named as backup.</summary>
    private async Task<(CaseRecord Case, EscalationRecord Escalation)> EscalateHogAsync(Parts parts, DateTimeOffset? acknowledgeBy = null)
    {
        var organisation = "Kommun " + Guid.NewGuid().ToString("N")[..8];
        var now = _time.GetUtcNow();
        var record = await parts.Cases.CreateAsync(
            new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, "reporter-" + Guid.NewGuid().ToString("N"), "Karin Ek", Urgency.Hog,
                new Dictionary<string, string> { ["what"] = "threat", ["markers"] = "weapons", ["channel"] = "email", ["organisation"] = organisation },
                now, "sv"),
            CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        var escalation = EscalationRecord.From(record, decision, now, acknowledgeBy ?? parts.Deadlines.DueAt(record.Urgency, now));
        Assert.True(await parts.Escalations.SubmitAsync(escalation, decision.NotifyNow, CancellationToken.None));
        return (record, escalation);
    }

    private static Mock<ITeamsMessenger> Messenger() => EscalationTestBed.DeliveringMessenger();

    [Fact]
    public async Task ProcessDueAsync_UnacknowledgedHogCase_RemindsThenHandsToBackupInsideOfficeHoursOnly()
    {
        var messenger = Messenger();
        var parts = NewProcess(messenger.Object);

        // Friday 16:50: ten office minutes left today, twenty more on Monday morning.
        _time.SetUtcNow(Local(2026, 11, 27, 16, 50));
        var (record, escalation) = await EscalateHogAsync(parts);
        Assert.Equal("safety", escalation.PrimaryAdviser);
        Assert.Equal("threats-hate-violence", escalation.BackupAdviser);
        Assert.Equal(Local(2026, 11, 30, 8, 20), escalation.AcknowledgeBy);
        await DrainOutboxAsync(parts);
        Assert.Single(CardsTo(messenger, SafetyAdviserAad, record.CaseNumber));
        var escalated = await GetAsync(parts, record);

        // Friday after closing, and Saturday: nothing happens, however long nobody answers.
        foreach (var closed in new[] { Local(2026, 11, 27, 17, 30), Local(2026, 11, 28, 12, 0), Local(2026, 11, 29, 23, 59) })
        {
            _time.SetUtcNow(closed);
            Assert.Equal(0, await parts.Deadline.ProcessDueAsync(CancellationToken.None));
            await DrainOutboxAsync(parts);
            AssertUnchanged(escalated, await GetAsync(parts, record));
            Assert.Single(CardsTo(messenger, SafetyAdviserAad, record.CaseNumber));
        }

        // Monday 08:21, a minute past the deadline: one reminder to the adviser the case is routed to.
        _time.SetUtcNow(Local(2026, 11, 30, 8, 21));
        Assert.True(await parts.Deadline.ProcessDueAsync(CancellationToken.None) >= 1);
        var reminded = await GetAsync(parts, record);
        Assert.Equal(1, reminded.Reminders);
        Assert.Equal("safety", reminded.PrimaryAdviser);
        Assert.Equal(EscalationStatus.New, reminded.Status);
        Assert.Equal(1, reminded.Version);
        Assert.Equal(Local(2026, 11, 30, 8, 51), reminded.AcknowledgeBy);
        await DrainOutboxAsync(parts);
        var toPrimary = CardsTo(messenger, SafetyAdviserAad, record.CaseNumber);
        Assert.Equal(2, toPrimary.Count);
        Assert.Single(toPrimary, c => c.Contains("påminnelse – ingen har tagit ärende " + record.CaseNumber, StringComparison.Ordinal));
        Assert.Empty(CardsTo(messenger, ThreatsAdviserAad, record.CaseNumber));
        Assert.Empty(CardsTo(messenger, record.ReporterId, record.CaseNumber));

        // Still nobody by the next deadline (30 office minutes later): the backup gets the case, the reporter is told.
        _time.SetUtcNow(Local(2026, 11, 30, 8, 52));
        Assert.True(await parts.Deadline.ProcessDueAsync(CancellationToken.None) >= 1);
        var handed = await GetAsync(parts, record);
        Assert.Equal("threats-hate-violence", handed.PrimaryAdviser);
        Assert.Equal("safety", handed.BackupAdviser);
        Assert.Equal(2, handed.Reminders);
        Assert.Equal(2, handed.Version);
        Assert.Null(handed.AcknowledgeBy);
        Assert.Equal(EscalationStatus.New, handed.Status);
        await DrainOutboxAsync(parts);
        var toBackup = Assert.Single(CardsTo(messenger, ThreatsAdviserAad, record.CaseNumber));
        Assert.Contains("har lämnats över till dig", toBackup, StringComparison.Ordinal);
        var toReporter = Assert.Single(CardsTo(messenger, record.ReporterId, record.CaseNumber));
        Assert.Contains("har gått vidare till Anna Lena Pogulis", toReporter, StringComparison.Ordinal);

        // Later passes do nothing more: there is no third action.
        foreach (var later in new[] { Local(2026, 11, 30, 9, 30), Local(2026, 11, 30, 16, 59), Local(2026, 12, 1, 10, 0) })
        {
            _time.SetUtcNow(later);
            await parts.Deadline.ProcessDueAsync(CancellationToken.None);
            await DrainOutboxAsync(parts);
            AssertUnchanged(handed, await GetAsync(parts, record));
        }

        Assert.Equal(2, CardsTo(messenger, SafetyAdviserAad, record.CaseNumber).Count);
        Assert.Single(CardsTo(messenger, ThreatsAdviserAad, record.CaseNumber));
        Assert.Single(CardsTo(messenger, record.ReporterId, record.CaseNumber));

        var events = await parts.Audit.ListAsync(record.OrganisationKey, CancellationToken.None);
        var reminder = Assert.Single(events, e => e.Action == "deadline.reminder");
        var backup = Assert.Single(events, e => e.Action == "deadline.backup");
        Assert.Equal(2, events.Count);
        Assert.All(new[] { reminder, backup }, e =>
        {
            Assert.Equal(DeadlineProcessor.SystemActor, e.Actor);
            Assert.Equal(AuditOutcomes.Accepted, e.Outcome);
            Assert.Equal(record.CaseNumber, e.CaseNumber);
            Assert.Equal(record.OrganisationKey, e.OrganisationKey);
        });
        Assert.Equal(Local(2026, 11, 30, 8, 21), reminder.At);
        Assert.Equal(Local(2026, 11, 30, 8, 52), backup.At);
    }

    [Fact]
    public async Task ProcessDueAsync_CaseTakenBeforeDeadline_SendsNoReminder()
    {
        var messenger = Messenger();
        var parts = NewProcess(messenger.Object);
        _time.SetUtcNow(Local(2026, 11, 30, 10, 0));
        var (record, escalation) = await EscalateHogAsync(parts);
        Assert.Equal(Local(2026, 11, 30, 10, 30), escalation.AcknowledgeBy);
        await DrainOutboxAsync(parts);

        _time.SetUtcNow(Local(2026, 11, 30, 10, 10));
        var taken = await parts.Lifecycle.ActAsync(
            new CaseCommand(CaseCommand.Take, record.OrganisationKey, record.CaseNumber, 1, null, null),
            new ChannelAccount(id: "29:greta", aadObjectId: SafetyAdviserAad),
            TeamsActivities.AdviserTenantId,
            CancellationToken.None);
        Assert.True(taken.Changed);
        var afterTake = await GetAsync(parts, record);
        Assert.Null(afterTake.AcknowledgeBy);

        foreach (var later in new[] { Local(2026, 11, 30, 10, 31), Local(2026, 11, 30, 11, 5), Local(2026, 12, 1, 9, 0) })
        {
            _time.SetUtcNow(later);
            await parts.Deadline.ProcessDueAsync(CancellationToken.None);
            await DrainOutboxAsync(parts);
            AssertUnchanged(afterTake, await GetAsync(parts, record));
        }

        Assert.DoesNotContain(CardsTo(messenger, SafetyAdviserAad, record.CaseNumber), c => c.Contains("påminnelse", StringComparison.Ordinal));
        Assert.Empty(CardsTo(messenger, ThreatsAdviserAad, record.CaseNumber));
        Assert.DoesNotContain(await OutboxRowKeysAsync(parts, record), k => k.Contains("|reminder.", StringComparison.Ordinal) || k.Contains("|handover.", StringComparison.Ordinal));
        var events = await parts.Audit.ListAsync(record.OrganisationKey, CancellationToken.None);
        Assert.DoesNotContain(events, e => e.Action.StartsWith("deadline.", StringComparison.Ordinal));
        Assert.Single(events, e => e.Action == CaseCommand.Take && e.Outcome == AuditOutcomes.Accepted);
    }

    [Theory]
    [InlineData("2026-11-30T07:59:00+01:00")] // Monday, a minute before opening
    [InlineData("2026-11-30T17:00:00+01:00")] // Monday, closing time (closed)
    [InlineData("2026-11-28T12:00:00+01:00")] // Saturday noon
    [InlineData("2026-12-24T12:00:00+01:00")] // julafton, a Thursday (closed eve)
    [InlineData("2026-12-25T12:00:00+01:00")] // juldagen, a Friday (public holiday)
    public async Task ProcessDueAsync_OutsideOfficeHours_DoesNothingToOverdueCase(string instant)
    {
        var at = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
        var messenger = Messenger();
        var parts = NewProcess(messenger.Object);
        _time.SetUtcNow(at.AddDays(-3));
        var (record, _) = await EscalateHogAsync(parts, acknowledgeBy: at.AddHours(-2));
        var before = await GetAsync(parts, record);
        try
        {
            _time.SetUtcNow(at);
            Assert.False(parts.Deadlines.Calendar.IsOpen(at));

            Assert.Equal(0, await parts.Deadline.ProcessDueAsync(CancellationToken.None));

            AssertUnchanged(before, await GetAsync(parts, record));
            Assert.Equal(0, before.Reminders);
            Assert.DoesNotContain(await OutboxRowKeysAsync(parts, record), k => k.Contains("|reminder.", StringComparison.Ordinal) || k.Contains("|handover.", StringComparison.Ordinal) || k.Contains("|status.", StringComparison.Ordinal));
            Assert.Empty(await parts.Audit.ListAsync(record.OrganisationKey, CancellationToken.None));

            // The outbox has only the new-case card to deliver.
            await DrainOutboxAsync(parts);
            var sent = Assert.Single(CardsTo(messenger, SafetyAdviserAad, record.CaseNumber));
            Assert.Contains("nytt ärende " + record.CaseNumber, sent, StringComparison.Ordinal);
            Assert.Empty(CardsTo(messenger, ThreatsAdviserAad, record.CaseNumber));
            Assert.Empty(CardsTo(messenger, record.ReporterId, record.CaseNumber));
        }
        finally
        {
            // Leave no overdue case behind for the other tests on the shared Azurite.
            await parts.Escalations.Table.DeleteEntityAsync(record.OrganisationKey, EscalationEntity.RowPrefix + record.CaseNumber);
        }
    }

    /// <summary>A local Stockholm wall-clock time (UTC+1 in November and December).</summary>
    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Stockholm.GetUtcOffset(local));
    }

    private static async Task<EscalationRecord> GetAsync(Parts parts, CaseRecord record) =>
        (await parts.Escalations.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!;

    private static void AssertUnchanged(EscalationRecord expected, EscalationRecord actual)
    {
        Assert.Equal(expected.ETag, actual.ETag);
        Assert.Equal(expected, actual);
    }

    /// <summary>Delivers everything due; the outbox takes at most 20 rows a pass and other tests' rows share the table.</summary>
    private static async Task DrainOutboxAsync(Parts parts)
    {
        for (var pass = 0; pass < 20; pass++)
        {
            if (await parts.Outbox.ProcessDueAsync(CancellationToken.None) == 0)
            {
                return;
            }
        }
    }

    private static async Task<List<string>> OutboxRowKeysAsync(Parts parts, CaseRecord record)
    {
        var keys = new List<string>();
        var prefix = OutboxEntity.RowPrefix + record.CaseNumber + "|";
        await foreach (var row in parts.Escalations.Table.QueryAsync<TableEntity>(e => e.PartitionKey == record.OrganisationKey, select: ["RowKey"]))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                keys.Add(row.RowKey);
            }
        }

        return keys;
    }

    /// <summary>The text of every message (card, or a status change's short text line) sent to <paramref name="personId"/> about the case, in order.</summary>
    private static List<string> CardsTo(Mock<ITeamsMessenger> messenger, string personId, string caseNumber) =>
        messenger.Invocations
            .Where(i => i.Method.Name == nameof(ITeamsMessenger.SendToPersonAsync) && (string)i.Arguments[0] == personId)
            .Select(i => CardText((IMessageActivity)i.Arguments[1]))
            .Where(text => text.Contains(caseNumber, StringComparison.Ordinal))
            .ToList();

    private static string CardText(IMessageActivity activity) =>
        activity.Attachments is { Count: > 0 } attachments ? Newtonsoft.Json.Linq.JObject.FromObject(attachments[0].Content).ToString() : activity.Text;
}

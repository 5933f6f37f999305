using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Options;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.AuditEvents;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Escalations;

/// <summary>
/// The case lifecycle over the real repositories on Azurite: ETag-guarded changes with their notices in one write,
/// forged or out-of-date actions refused and audited with nothing changed, and the reporter's added information.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class CaseLifecycleStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000c1";
    private const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000c2";

    private static readonly ChannelAccount Greta = new(id: "29:greta-berg", name: "Greta Berg", aadObjectId: SafetyAdviserAad);
    private static readonly ChannelAccount Anna = new(id: "29:anna-lena-pogulis", name: "Anna Lena Pogulis", aadObjectId: ThreatsAdviserAad);

    private static readonly SupportOptions Support = EscalationTestBed.Support(SafetyAdviserAad, ThreatsAdviserAad);

    private static readonly OfficeCalendar Calendar = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(17, 0));

    private static readonly AcknowledgementDeadlines Deadlines = new(Calendar, new Dictionary<string, string> { ["HOG"] = "00:30", ["AKUT"] = "00:15" });

    // Monday 30 November 2026, 10:00 in Stockholm: the office is open.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    private readonly List<string> _organisations = [];

    private sealed record Parts(EscalationRepository Escalations, CaseRepository Cases, AuditRepository Audit, CaseLifecycle Lifecycle);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// These tests never deliver their notices: remove this test's escalations and outbox rows so that other tests'
    /// outbox and deadline passes on the shared Azurite do not pick them up.
    /// </summary>
    public async Task DisposeAsync()
    {
        var table = new EscalationRepository(TableClients.FromConnectionString(azurite.ConnectionString)).Table;
        foreach (var organisation in _organisations)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == organisation, select: ["PartitionKey", "RowKey"]))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            }
        }
    }

    /// <summary>One "bot instance": its own clients over the shared Azurite; <paramref name="wrap"/> may decorate its escalation store.</summary>
    private Parts NewProcess(Func<IEscalationStore, IEscalationStore>? wrap = null)
    {
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        var escalations = new EscalationRepository(tables);
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var audit = new AuditRepository(tables);
        var store = wrap is null ? escalations : wrap(escalations);
        var lifecycle = new CaseLifecycle(store, incidents, audit, SupportContactsFactory.From(Support), Deadlines, _time, TestPseudonyms.Instance);
        return new Parts(escalations, incidents, audit, lifecycle);
    }

    /// <summary>A HÖG threat with weapons in a new organisation: routed to "safety", "threats-hate-violence" as backup.</summary>
    private async Task<CaseRecord> EscalateAsync(Parts parts)
    {
        var organisation = "Kommun " + Guid.NewGuid().ToString("N")[..8];
        var now = _time.GetUtcNow();
        var record = await parts.Cases.CreateAsync(
            new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, Guid.NewGuid().ToString(), "Karin Ek", Urgency.Hog,
                new Dictionary<string, string> { ["what"] = "threat", ["markers"] = "weapons", ["channel"] = "email", ["organisation"] = organisation },
                now, "sv"),
            CancellationToken.None);
        _organisations.Add(record.OrganisationKey);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        Assert.True(await parts.Escalations.SubmitAsync(EscalationRecord.From(record, decision, now, Deadlines.DueAt(record.Urgency, now)), decision.NotifyNow, CancellationToken.None));
        return record;
    }

    private static CaseCommand Command(string verb, CaseRecord record, int? version, string? note = null) =>
        new(verb, record.OrganisationKey, record.CaseNumber, version, note, null);

    [Fact]
    public async Task ActAsync_TwoAdvisersTakeSameCardAtOnce_ExactlyOneWinsOtherGetsStale()
    {
        var greta = NewProcess();
        var anna = NewProcess();
        var record = await EscalateAsync(greta);
        var take = Command(CaseCommand.Take, record, 1);

        var results = await Task.WhenAll(
            greta.Lifecycle.ActAsync(take, Greta, TeamsActivities.AdviserTenantId, CancellationToken.None),
            anna.Lifecycle.ActAsync(take, Anna, TeamsActivities.AdviserTenantId, CancellationToken.None));

        await AssertOneTakeWonAsync(greta, record, results);
    }

    [Fact]
    public async Task ActAsync_TwoAdvisersReadBeforeEitherWrites_ETagLetsOnlyOneWin()
    {
        // Both read version 1 and pass every check before either writes: only the ETag can tell them apart.
        var rendezvous = new Rendezvous(2);
        var greta = NewProcess(store => new WriteTogether(store, rendezvous));
        var anna = NewProcess(store => new WriteTogether(store, rendezvous));
        var record = await EscalateAsync(greta);
        var take = Command(CaseCommand.Take, record, 1);

        var results = await Task.WhenAll(
            greta.Lifecycle.ActAsync(take, Greta, TeamsActivities.AdviserTenantId, CancellationToken.None),
            anna.Lifecycle.ActAsync(take, Anna, TeamsActivities.AdviserTenantId, CancellationToken.None));

        Assert.Equal(2, rendezvous.Arrived);
        await AssertOneTakeWonAsync(greta, record, results);
    }

    private static async Task AssertOneTakeWonAsync(Parts parts, CaseRecord record, CaseActionResult[] results)
    {
        var won = Assert.Single(results, r => r.Changed);
        var lost = Assert.Single(results, r => !r.Changed);
        Assert.Equal(CaseRefusals.Stale, lost.Refusal);

        // The loser is shown the case as it now is: taken by the winner.
        Assert.NotNull(lost.Case);
        Assert.Equal(EscalationStatus.Taken, lost.Case.Status);
        Assert.Equal(won.Case!.AssignedAdviser, lost.Case.AssignedAdviser);

        var stored = await GetAsync(parts, record);
        Assert.Equal(EscalationStatus.Taken, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.Equal(won.Case.AssignedAdviser, stored.AssignedAdviser);
        Assert.Null(stored.AcknowledgeBy);

        var outbox = await OutboxAsync(parts, record);
        var status = Assert.Single(outbox, r => r.RowKey.StartsWith($"out|{record.CaseNumber}|status.2|", StringComparison.Ordinal));
        Assert.Equal(NoticeRecipients.Reporter, status.RecipientKind);
        Assert.Equal(record.ReporterId, status.Recipient);
        Assert.Equal(CaseCommand.Take, status.Payload);
        Assert.Single(outbox, r => r.RowKey.StartsWith($"out|{record.CaseNumber}|update.2|", StringComparison.Ordinal));

        var events = await parts.Audit.ListAsync(record.OrganisationKey, CancellationToken.None);
        Assert.Equal(2, events.Count);
        var accepted = Assert.Single(events, e => e.Outcome == AuditOutcomes.Accepted);
        Assert.Equal(CaseCommand.Take, accepted.Action);
        Assert.Equal(stored.AssignedAdviser, accepted.Actor);
        Assert.Equal(EscalationStatus.New, accepted.FromStatus);
        Assert.Equal(EscalationStatus.Taken, accepted.ToStatus);
        var refused = Assert.Single(events, e => e.Outcome == AuditOutcomes.Refused);
        Assert.Equal(CaseCommand.Take, refused.Action);
        Assert.Equal(CaseRefusals.Stale, refused.Reason);
        Assert.NotEqual(accepted.Actor, refused.Actor);
    }

    [Theory]
    [InlineData("non-adviser", CaseRefusals.NotAdviser)]
    [InlineData("unknown-case", CaseRefusals.UnknownCase)]
    [InlineData("other-organisation", CaseRefusals.UnknownCase)]
    [InlineData("replayed-card", CaseRefusals.Stale)]
    [InlineData("unknown-verb", CaseRefusals.UnknownAction)]
    public async Task ActAsync_ForgedAction_IsRefusedChangesNothingAndAnAdvisersRefusalIsAudited(string forgery, string reason)
    {
        var parts = NewProcess();
        var record = await EscalateAsync(parts);
        var other = await EscalateAsync(parts);
        if (forgery == "replayed-card")
        {
            Assert.True((await parts.Lifecycle.ActAsync(Command(CaseCommand.Take, record, 1), Greta, TeamsActivities.AdviserTenantId, CancellationToken.None)).Changed);
        }

        var outsider = Guid.NewGuid().ToString();
        var (command, actor, expectedActor) = forgery switch
        {
            "non-adviser" => (Command(CaseCommand.Take, record, 1), new ChannelAccount(id: "29:" + outsider, name: "Greta Berg", aadObjectId: outsider), TestPseudonyms.Instance.AuditActor(outsider)),
            "unknown-case" => (new CaseCommand(CaseCommand.Take, record.OrganisationKey, "HH-1999-999999", 1, null, null), Greta, "safety"),
            "other-organisation" => (new CaseCommand(CaseCommand.Take, other.OrganisationKey, record.CaseNumber, 1, null, null), Greta, "safety"),
            "replayed-card" => (Command(CaseCommand.Take, record, 1), Anna, "threats-hate-violence"),
            "unknown-verb" => (Command("case.delete", record, 1), Greta, "safety"),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        var before = await GetAsync(parts, record);
        var otherBefore = await GetAsync(parts, other);
        var rowsBefore = await RowKeysAsync(parts, record.OrganisationKey);
        var otherRowsBefore = await RowKeysAsync(parts, other.OrganisationKey);
        var orgEventsBefore = await parts.Audit.ListAsync(record.OrganisationKey, CancellationToken.None);
        var noOrgEventsBefore = await parts.Audit.ListAsync(AuditEntity.NoOrganisation, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = await parts.Lifecycle.ActAsync(command, actor, TeamsActivities.AdviserTenantId, CancellationToken.None);

        Assert.False(result.Changed);
        Assert.Equal(reason, result.Refusal);
        AssertUnchanged(before, await GetAsync(parts, record));
        AssertUnchanged(otherBefore, await GetAsync(parts, other));
        Assert.Equal(rowsBefore, await RowKeysAsync(parts, record.OrganisationKey));
        Assert.Equal(otherRowsBefore, await RowKeysAsync(parts, other.OrganisationKey));
        Assert.Empty(await parts.Audit.ListAsync(other.OrganisationKey, CancellationToken.None));

        var orgEvents = await parts.Audit.ListAsync(record.OrganisationKey, CancellationToken.None);
        var noOrgEvents = await parts.Audit.ListAsync(AuditEntity.NoOrganisation, CancellationToken.None);
        if (forgery == "replayed-card")
        {
            // A real case: the refusal is kept with it, and the adviser is shown the case as it now is.
            Assert.Equal(before, result.Case! with { ETag = before.ETag });
            Assert.Equal(noOrgEventsBefore.Count, noOrgEvents.Count);
            var added = Assert.Single(orgEvents.Skip(orgEventsBefore.Count));
            Assert.Equal(new AuditEvent(record.OrganisationKey, record.CaseNumber, CaseCommand.Take, AuditOutcomes.Refused, CaseRefusals.Stale, expectedActor, _time.GetUtcNow(), EscalationStatus.Taken, null), added);
        }
        else if (forgery == "non-adviser")
        {
            // Junk from someone who is no adviser: nothing shown, and not one audit row each (counted by the metric and
            // the rate limit instead), so a colleague cannot fill the audit.
            Assert.Null(result.Case);
            Assert.Equal(orgEventsBefore, orgEvents);
            Assert.Equal(noOrgEventsBefore.Count, noOrgEvents.Count);
        }
        else
        {
            // No case the actor may act on: nothing about it is shown, and the forged keys are not recorded.
            Assert.Null(result.Case);
            Assert.Equal(orgEventsBefore, orgEvents);
            var expected = new AuditEvent(null, null, forgery == "unknown-verb" ? "(unknown)" : CaseCommand.Take, AuditOutcomes.Refused, reason, expectedActor, _time.GetUtcNow(), null, null);
            Assert.Equal(noOrgEventsBefore.Count + 1, noOrgEvents.Count);
            Assert.Equal(noOrgEventsBefore.Count(e => e == expected) + 1, noOrgEvents.Count(e => e == expected));
        }

        Reliability.ReliabilityFigures.Record("forged actions accepted: " + forgery, 0, required: 0);
    }

    [Fact]
    public async Task ActAsync_TakeHandoverCloseReopen_EachChangeQueuesUpdateAndStatusNotices()
    {
        var parts = NewProcess();
        var record = await EscalateAsync(parts);

        await ChangeAsync(parts, record, Command(CaseCommand.Take, record, 1), Greta, EscalationStatus.Taken, "safety", 2);
        var handedOver = await ChangeAsync(parts, record, Command(CaseCommand.Handover, record, 2), Greta, EscalationStatus.Taken, "threats-hate-violence", 3);
        var handover = Assert.Single(await OutboxAsync(parts, record), r => r.RowKey.StartsWith($"out|{record.CaseNumber}|handover.3|", StringComparison.Ordinal));
        Assert.Equal(NoticeRecipients.Adviser, handover.RecipientKind);
        Assert.Equal("threats-hate-violence", handover.Recipient);
        Assert.Equal(NoticeKinds.Handover, handover.Kind);

        // Closing needs a note: without one nothing changes (and nothing is queued).
        var rows = await RowKeysAsync(parts, record.OrganisationKey);
        foreach (var missing in new string?[] { null, "   " })
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            var refused = await parts.Lifecycle.ActAsync(Command(CaseCommand.Close, record, 3, missing), Anna, TeamsActivities.AdviserTenantId, CancellationToken.None);
            Assert.Equal(CaseRefusals.NoteRequired, refused.Refusal);
            AssertUnchanged(handedOver, await GetAsync(parts, record));
            Assert.Equal(rows, await RowKeysAsync(parts, record.OrganisationKey));
        }

        var closed = await ChangeAsync(parts, record, Command(CaseCommand.Close, record, 3, "Rådgivning given per telefon."), Anna, EscalationStatus.Closed, "threats-hate-violence", 4);
        Assert.Equal("Rådgivning given per telefon.", closed.ClosingNote);
        Assert.False(closed.IsOpen);

        var reopened = await ChangeAsync(parts, record, Command(CaseCommand.Reopen, record, 4), Greta, EscalationStatus.Taken, "safety", 5);
        Assert.Null(reopened.ClosingNote);

        var events = await parts.Audit.ListAsync(record.OrganisationKey, CancellationToken.None);
        Assert.Equal(
            [
                "case.take accepted - safety Ny→Tagen",
                "case.handover accepted - safety Tagen→Tagen",
                "case.close refused noteRequired threats-hate-violence Tagen→",
                "case.close refused noteRequired threats-hate-violence Tagen→",
                "case.close accepted - threats-hate-violence Tagen→Avslutad",
                "case.reopen accepted - safety Avslutad→Tagen",
            ],
            events.Select(e => $"{e.Action} {e.Outcome} {e.Reason ?? "-"} {e.Actor} {e.FromStatus}→{e.ToStatus}"));
    }

    /// <summary>Acts, and checks the stored result and the notices queued with it (card update and reporter status).</summary>
    private async Task<EscalationRecord> ChangeAsync(Parts parts, CaseRecord record, CaseCommand command, ChannelAccount actor, string status, string holder, int version)
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        var result = await parts.Lifecycle.ActAsync(command, actor, TeamsActivities.AdviserTenantId, CancellationToken.None);
        Assert.True(result.Changed, result.Refusal);

        var stored = await GetAsync(parts, record);
        Assert.Equal(status, stored.Status);
        Assert.Equal(holder, stored.AssignedAdviser);
        Assert.Equal(version, stored.Version);
        Assert.Equal(_time.GetUtcNow(), stored.ChangedAt);
        Assert.Null(stored.AcknowledgeBy);
        Assert.Equal(stored, result.Case! with { ETag = stored.ETag });

        var outbox = await OutboxAsync(parts, record);
        var update = Assert.Single(outbox, r => r.RowKey.StartsWith($"out|{record.CaseNumber}|update.{version}|", StringComparison.Ordinal));
        Assert.Equal(NoticeRecipients.Posts, update.RecipientKind);
        Assert.Equal(NoticeKinds.Update, update.Kind);
        Assert.Equal(OutboxStates.Pending, update.State);
        var reporter = Assert.Single(outbox, r => r.RowKey.StartsWith($"out|{record.CaseNumber}|status.{version}|", StringComparison.Ordinal));
        Assert.Equal(NoticeRecipients.Reporter, reporter.RecipientKind);
        Assert.Equal(record.ReporterId, reporter.Recipient);
        Assert.Equal(NoticeKinds.Status, reporter.Kind);
        Assert.Equal(command.Verb, reporter.Payload);
        return stored;
    }

    [Fact]
    public async Task AddInformationAsync_NobodyTookCaseYet_QueuesInformationForBothNamedAdvisers()
    {
        var parts = NewProcess();
        var record = await EscalateAsync(parts);

        var result = await parts.Lifecycle.AddInformationAsync(Reporter(record), record.CaseNumber, "  Han stod utanför igen i morse.  ", CancellationToken.None);

        Assert.True(result.Changed, result.Refusal);
        var stored = await GetAsync(parts, record);
        Assert.Equal(1, stored.Additions);
        Assert.Equal(1, stored.Version);
        Assert.Equal(EscalationStatus.New, stored.Status);
        var info = (await OutboxAsync(parts, record)).Where(r => r.Kind == NoticeKinds.Information).ToList();
        Assert.Equal(["safety", "threats-hate-violence"], info.Select(r => r.Recipient).Order(StringComparer.Ordinal));
        Assert.All(info, r =>
        {
            Assert.Equal(NoticeRecipients.Adviser, r.RecipientKind);
            Assert.Equal("Han stod utanför igen i morse.", r.Payload);
            Assert.StartsWith($"out|{record.CaseNumber}|info|adviser|", r.RowKey, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AddInformationAsync_TakenCaseThenClosed_ReachesHolderThenIsRefusedAsClosed()
    {
        var parts = NewProcess();
        var record = await EscalateAsync(parts);
        Assert.True((await parts.Lifecycle.ActAsync(Command(CaseCommand.Take, record, 1), Greta, TeamsActivities.AdviserTenantId, CancellationToken.None)).Changed);

        _time.Advance(TimeSpan.FromMinutes(1));
        var added = await parts.Lifecycle.AddInformationAsync(Reporter(record), record.CaseNumber, "Polisanmälan är gjord.", CancellationToken.None);

        Assert.True(added.Changed, added.Refusal);
        var info = Assert.Single(await OutboxAsync(parts, record), r => r.Kind == NoticeKinds.Information);
        Assert.Equal(NoticeRecipients.Adviser, info.RecipientKind);
        Assert.Equal("safety", info.Recipient);
        Assert.Equal("Polisanmälan är gjord.", info.Payload);
        Assert.StartsWith($"out|{record.CaseNumber}|info|adviser|", info.RowKey, StringComparison.Ordinal);
        var afterInfo = await GetAsync(parts, record);
        Assert.Equal(1, afterInfo.Additions);
        Assert.Equal(2, afterInfo.Version);
        Assert.Contains(
            await parts.Audit.ListAsync(record.OrganisationKey, CancellationToken.None),
            e => e.Action == CaseCommand.AddInformation && e.Outcome == AuditOutcomes.Accepted && e.Actor == TestPseudonyms.Instance.AuditActor(record.ReporterId));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await parts.Lifecycle.ActAsync(Command(CaseCommand.Close, record, 2, "Klart."), Greta, TeamsActivities.AdviserTenantId, CancellationToken.None)).Changed);
        var closed = await GetAsync(parts, record);
        var rows = await RowKeysAsync(parts, record.OrganisationKey);

        _time.Advance(TimeSpan.FromMinutes(1));
        var refused = await parts.Lifecycle.AddInformationAsync(Reporter(record), record.CaseNumber, "En sak till.", CancellationToken.None);

        Assert.Equal(CaseRefusals.Closed, refused.Refusal);
        Assert.False(refused.Changed);
        AssertUnchanged(closed, await GetAsync(parts, record));
        Assert.Equal(rows, await RowKeysAsync(parts, record.OrganisationKey));
        Assert.Single(await OutboxAsync(parts, record), r => r.Kind == NoticeKinds.Information);
    }

    [Fact]
    public async Task AddInformationAsync_SomeoneElsesCase_IsRefusedAsUnknownAndChangesNothing()
    {
        var parts = NewProcess();
        var record = await EscalateAsync(parts);
        var before = await GetAsync(parts, record);
        var stranger = new ChannelAccount(id: "29:stranger", aadObjectId: Guid.NewGuid().ToString());

        var result = await parts.Lifecycle.AddInformationAsync(stranger, record.CaseNumber, "Hej", CancellationToken.None);

        Assert.Equal(CaseRefusals.UnknownCase, result.Refusal);
        Assert.Null(result.Case);
        AssertUnchanged(before, await GetAsync(parts, record));
        Assert.DoesNotContain(await OutboxAsync(parts, record), r => r.Kind == NoticeKinds.Information);
    }

    private static ChannelAccount Reporter(CaseRecord record) => new(id: "29:reporter", name: "Karin Ek", aadObjectId: record.ReporterId);

    private static async Task<EscalationRecord> GetAsync(Parts parts, CaseRecord record) =>
        (await parts.Escalations.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!;

    private static void AssertUnchanged(EscalationRecord expected, EscalationRecord actual)
    {
        Assert.Equal(expected.ETag, actual.ETag);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected, actual);
    }

    private static async Task<List<OutboxEntity>> OutboxAsync(Parts parts, CaseRecord record)
    {
        var prefix = $"{OutboxEntity.RowPrefix}{record.CaseNumber}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {record.OrganisationKey} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var rows = new List<OutboxEntity>();
        await foreach (var row in parts.Escalations.Table.QueryAsync<OutboxEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<List<string>> RowKeysAsync(Parts parts, string organisationKey)
    {
        var keys = new List<string>();
        await foreach (var row in parts.Escalations.Table.QueryAsync<TableEntity>(e => e.PartitionKey == organisationKey, select: ["RowKey"]))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }

    /// <summary>Lets the parties through only when all of them have arrived (a real timeout guards against a hang).</summary>
    private sealed class Rendezvous(int parties)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public int Arrived => Volatile.Read(ref _arrived);

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) == parties)
            {
                _all.TrySetResult();
            }

            return _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>The real store, except that a change waits until the other instance is about to write too.</summary>
    private sealed class WriteTogether(IEscalationStore inner, Rendezvous rendezvous) : IEscalationStore
    {
        public Task<bool> SubmitAsync(EscalationRecord escalation, IReadOnlyList<string> notifyAdvisers, CancellationToken cancellationToken) =>
            inner.SubmitAsync(escalation, notifyAdvisers, cancellationToken);

        public Task<EscalationRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken) =>
            inner.GetAsync(organisationKey, caseNumber, cancellationToken);

        public async Task<bool> UpdateAsync(EscalationRecord changed, IReadOnlyList<EscalationNotice> notices, CancellationToken cancellationToken)
        {
            await rendezvous.ArriveAsync();
            return await inner.UpdateAsync(changed, notices, cancellationToken);
        }

        public Task<IReadOnlyList<EscalationRecord>> ListOpenAsync(CancellationToken cancellationToken) => inner.ListOpenAsync(cancellationToken);

        public Task RecordPostAsync(CardPost post, CancellationToken cancellationToken) => inner.RecordPostAsync(post, cancellationToken);
    }
}

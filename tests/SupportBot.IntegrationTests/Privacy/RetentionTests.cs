using SupportBot.IntegrationTests.Hosting;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Bot.Deduplication;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Options;
using SupportBot.Bot.Privacy;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.Storage.AuditEvents;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.ChecklistProgress;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;
using SupportBot.Storage.ProcessedActivities;
using SupportBot.Storage.ShareTargets;

namespace SupportBot.IntegrationTests.Privacy;

/// <summary>
/// Retention on Azurite: old cases go with their escalations, notifications, posted cards and index entries; new cases,
/// cases still being handled and the audit log stay; a repeated run deletes nothing; a run stopped half-way is finished
/// by the next. The audit log holds only non-personal facts.
/// </summary>
[Collection(PrivacyOnAzurite.Name)]
public sealed class RetentionTests(PrivacyAzuriteFixture azurite)
{
    private const string ReporterName = "Sigrid Retentionsdóttir";
    private const string Description = "Han stod utanför mitt hus på Ängsvägen 7 igen";
    private const string AdviserAad = "00000000-0000-4000-8000-0000000000a1";

    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly SupportOptions Support = new()
    {
        Advisers =
        [
            new AdviserOptions { Key = "safety", Name = "Greta Berg", Title = "Trygghet", Email = "g@example.org", Phone = "1", AadObjectId = AdviserAad, TenantId = TeamsActivities.AdviserTenantId },
            new AdviserOptions { Key = "threats-hate-violence", Name = "Anna Lena Pogulis", Title = "Hot, hat, våld", Email = "a@example.org", Phone = "2" },
        ],
        Switchboard = new SwitchboardOptions { Name = "SKR", FormerName = "SKL", Phone = "08-452 70 00" },
        RetentionDays = 730,
    };

    private static readonly OfficeCalendar Calendar = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(17, 0));

    private TableServiceClient Tables => TableClients.FromConnectionString(azurite.ConnectionString);

    private RetentionSweeper Sweeper() =>
        new(SupportBot.Storage.StorageServiceCollectionExtensions.PersonalDataTables(Tables), Microsoft.Extensions.Options.Options.Create(Support));

    /// <summary>A case created at <paramref name="createdAt"/>, escalated, taken, closed with a note and added to by the reporter, each through the real lifecycle (which writes the audit).</summary>
    private async Task<CaseRecord> HandledCaseAsync(string organisation, string reporterId, DateTimeOffset createdAt)
    {
        var tables = Tables;
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var escalations = new EscalationRepository(tables);
        var time = new FakeTimeProvider(createdAt);
        var lifecycle = new CaseLifecycle(escalations, incidents, new AuditRepository(tables), SupportBot.Bot.Options.SupportContactsFactory.From(Support), new AcknowledgementDeadlines(Calendar, new Dictionary<string, string>()), time, TestPseudonyms.Instance);
        var record = await incidents.CreateAsync(new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, reporterId, ReporterName, Urgency.Hog, new Dictionary<string, string> { ["what"] = "threat", ["organisation"] = organisation, ["description"] = Description }, createdAt, "sv"), CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        Assert.True(await escalations.SubmitAsync(EscalationRecord.From(record, decision, createdAt), [decision.PrimaryAdviser], CancellationToken.None));
        await escalations.RecordPostAsync(new CardPost(record.OrganisationKey, record.CaseNumber, NoticeRecipients.Reporter, reporterId, new ConversationReference { Conversation = new ConversationAccount(id: "a:" + reporterId), User = new ChannelAccount(reporterId, ReporterName) }, "activity-1", "sv"), CancellationToken.None);

        var adviser = new ChannelAccount("29:greta", "Greta Berg", aadObjectId: AdviserAad);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await lifecycle.ActAsync(new CaseCommand(CaseCommand.Take, record.OrganisationKey, record.CaseNumber, 1, null, null), adviser, TeamsActivities.AdviserTenantId, CancellationToken.None)).Changed);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await lifecycle.AddInformationAsync(new ChannelAccount("29:" + reporterId, ReporterName, aadObjectId: reporterId), record.CaseNumber, Description, CancellationToken.None)).Changed);
        time.Advance(TimeSpan.FromMinutes(5));
        var version = (await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!.Version;
        Assert.True((await lifecycle.ActAsync(new CaseCommand(CaseCommand.Close, record.OrganisationKey, record.CaseNumber, version, "Ringde " + ReporterName, null), adviser, TeamsActivities.AdviserTenantId, CancellationToken.None)).Changed);
        return record;
    }

    private async Task<List<TableEntity>> RowsAsync(string table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Tables.GetTableClient(table).QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<TableEntity>> CaseRowsAsync(CaseRecord record) =>
        [.. (await RowsAsync(StoredTables.Escalations, record.OrganisationKey)).Where(r => r.GetString("CaseNumber") == record.CaseNumber)];

    [Fact]
    public async Task RunAsync_OldCase_DeletedWithItsEscalationNotificationsPostsIndexAndAuditEvents_NewCaseAndItsAuditKept()
    {
        var organisation = "Retentionsby kommun " + Guid.NewGuid().ToString("N")[..6];
        var reporter = Guid.NewGuid().ToString();
        var old = await HandledCaseAsync(organisation, reporter, Now.AddDays(-800));
        var recent = await HandledCaseAsync(organisation, reporter, Now.AddDays(-10));
        var auditBefore = await RowsAsync(StoredTables.AuditEvents, old.OrganisationKey);
        Assert.NotEmpty(await CaseRowsAsync(old));
        Assert.Contains(await CaseRowsAsync(old), r => r.RowKey.StartsWith(OutboxEntity.RowPrefix, StringComparison.Ordinal));
        Assert.Contains(await CaseRowsAsync(old), r => r.RowKey.StartsWith(CardPostEntity.RowPrefix, StringComparison.Ordinal));

        var deleted = await Sweeper().RunAsync(Now, CancellationToken.None);

        var incidents = new CaseRepository(Tables, new CaseNumberAllocator(Tables));
        Assert.Null(await incidents.GetAsync(old.OrganisationKey, old.CaseNumber, CancellationToken.None));
        Assert.Empty(await CaseRowsAsync(old));
        Assert.NotNull(await incidents.GetAsync(recent.OrganisationKey, recent.CaseNumber, CancellationToken.None));
        Assert.Contains(await CaseRowsAsync(recent), r => r.RowKey == EscalationEntity.RowPrefix + recent.CaseNumber);
        Assert.Equal([recent.CaseNumber], (await incidents.ListByReporterAsync(reporter, CancellationToken.None)).Select(c => c.CaseNumber));
        Assert.Empty(await RowsAsync(StoredTables.ReporterCases, KeyHash.Of(reporter)) is var index ? index.Where(r => r.RowKey == old.CaseNumber) : []);
        Assert.True(deleted.Cases >= 1 && deleted.Escalations >= 1 && deleted.Notifications >= 1 && deleted.CardPosts >= 1 && deleted.CaseIndexRows >= 1);

        // The audit keeps its own period (issue 16, point 5): the old case's events (800 days) go, the recent case's stay, whole.
        var auditCutoff = Now.AddDays(-Support.RetentionDays).UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var auditKept = auditBefore.Where(r => string.CompareOrdinal(r.RowKey, auditCutoff) >= 0).Select(r => r.RowKey).ToList();
        Assert.NotEmpty(auditKept);
        Assert.True(auditBefore.Count > auditKept.Count, "the old case's audit events are past the period");
        Assert.Equal(auditKept, (await RowsAsync(StoredTables.AuditEvents, old.OrganisationKey)).Select(r => r.RowKey));
    }

    [Fact]
    public async Task Sweep_StateWithoutATurnFor30DaysAndReferencesNotRefreshedWithinThePeriod_Deleted_FreshOnesKept()
    {
        var tables = Tables;
        var stateTable = "BotStateRetention" + Guid.NewGuid().ToString("N")[..8];
        var conversation = "msteams/conversations/a:abandoned-" + Guid.NewGuid().ToString("N");
        var user = "msteams/users/29:" + Guid.NewGuid();
        await new TableStorage(tables, stateTable).WriteAsync(new Dictionary<string, object>
        {
            [conversation] = new Dictionary<string, object> { ["half"] = "triage" },
            [user] = new Dictionary<string, object> { ["language"] = "sv" },
        });
        var stale = "stale-" + Guid.NewGuid();
        var fresh = "fresh-" + Guid.NewGuid();
        var references = new SupportBot.Storage.ConversationReferences.ConversationReferenceRepository(tables, TimeProvider.System);
        var reference = new ConversationReference { ChannelId = "msteams", Conversation = new ConversationAccount(id: "a:x") };
        await new SupportBot.Storage.ConversationReferences.ConversationReferenceRepository(tables, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-800))).SaveAsync(stale, reference, CancellationToken.None);
        await references.SaveAsync(fresh, reference, CancellationToken.None);
        var state = new StatePersonalData(tables, stateTable, references);
        var period = TimeSpan.FromDays(Support.RetentionDays);

        var afterTenDays = await state.SweepAsync(new SupportBot.Dialogs.Privacy.RetentionRun(DateTimeOffset.UtcNow.AddDays(10), period), CancellationToken.None);
        var afterAMonth = await state.SweepAsync(new SupportBot.Dialogs.Privacy.RetentionRun(DateTimeOffset.UtcNow.AddDays(31), period), CancellationToken.None);
        var swept = await references.SweepAsync(new SupportBot.Dialogs.Privacy.RetentionRun(DateTimeOffset.UtcNow, period), CancellationToken.None);

        Assert.Equal((0, 0), (afterTenDays[SupportBot.Dialogs.Privacy.RowKinds.ConversationState], afterTenDays[SupportBot.Dialogs.Privacy.RowKinds.UserState]));
        Assert.Equal((1, 1), (afterAMonth[SupportBot.Dialogs.Privacy.RowKinds.ConversationState], afterAMonth[SupportBot.Dialogs.Privacy.RowKinds.UserState]));
        Assert.Empty(await new TableStorage(tables, stateTable).ReadAsync([conversation, user]));
        Assert.True(swept[SupportBot.Dialogs.Privacy.RowKinds.References] >= 1);
        Assert.Null(await references.FindAsync(stale, CancellationToken.None));
        Assert.NotNull(await references.FindAsync(fresh, CancellationToken.None));

        // A table of this test's own (so the sweep reaches no other test's state): not one the app creates.
        await tables.DeleteTableAsync(stateTable);
    }

    [Fact]
    public async Task RunAsync_WritesOneAuditEventWithCountsOnly()
    {
        var audit = new AuditRepository(Tables);
        var before = (await audit.ListAsync(AuditEntity.NoOrganisation, CancellationToken.None)).Count(e => e.Action == SupportBot.Dialogs.Privacy.PrivacyAuditActions.Retention);

        await new RetentionSweeper(SupportBot.Storage.StorageServiceCollectionExtensions.PersonalDataTables(Tables), Microsoft.Extensions.Options.Options.Create(Support), audit: audit).RunAsync(Now, CancellationToken.None);

        var events = (await audit.ListAsync(AuditEntity.NoOrganisation, CancellationToken.None)).Where(e => e.Action == SupportBot.Dialogs.Privacy.PrivacyAuditActions.Retention).ToList();
        Assert.Equal(before + 1, events.Count);
        var line = events.Last();
        Assert.Equal(("system", null, null), (line.Actor, line.CaseNumber, line.OrganisationKey));
        Assert.Matches("^([a-z-]+=[0-9]+ ?)+$", line.Reason);
    }

    [Fact]
    public async Task RunAsync_Repeated_DeletesNothingMore()
    {
        var organisation = "Upprepning kommun " + Guid.NewGuid().ToString("N")[..6];
        await HandledCaseAsync(organisation, Guid.NewGuid().ToString(), Now.AddDays(-900));
        await Sweeper().RunAsync(Now, CancellationToken.None);

        var again = await Sweeper().RunAsync(Now, CancellationToken.None);

        Assert.Equal(new RetentionResult(0, 0, 0, 0, 0, 0, 0, 0), again);
    }

    [Fact]
    public async Task RunAsync_OldCaseStillBeingHandled_KeptWithItsEscalation()
    {
        var organisation = "Pågående kommun " + Guid.NewGuid().ToString("N")[..6];
        var record = await HandledCaseAsync(organisation, Guid.NewGuid().ToString(), Now.AddDays(-800));
        var escalations = new EscalationRepository(Tables);
        var escalation = (await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!;
        Assert.True(await escalations.UpdateAsync(escalation with { Status = EscalationStatus.Taken, ChangedAt = Now.AddDays(-3), Version = escalation.Version + 1 }, [], CancellationToken.None));

        await Sweeper().RunAsync(Now, CancellationToken.None);

        Assert.NotNull(await new CaseRepository(Tables, new CaseNumberAllocator(Tables)).GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None));
        Assert.Contains(await CaseRowsAsync(record), r => r.RowKey.StartsWith(OutboxEntity.RowPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AfterARunStoppedBetweenEscalationAndCase_DeletesTheCase()
    {
        var organisation = "Avbruten kommun " + Guid.NewGuid().ToString("N")[..6];
        var record = await HandledCaseAsync(organisation, Guid.NewGuid().ToString(), Now.AddDays(-800));
        var table = Tables.GetTableClient(StoredTables.Escalations);
        foreach (var row in await CaseRowsAsync(record))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var deleted = await Sweeper().RunAsync(Now, CancellationToken.None);

        Assert.Null(await new CaseRepository(Tables, new CaseNumberAllocator(Tables)).GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None));
        Assert.True(deleted.Cases >= 1);
    }

    [Fact]
    public async Task RunAsync_StaleChecklistRowsAndExpiredClaims_Deleted_FreshOnesKept()
    {
        var stale = Guid.NewGuid().ToString();
        var fresh = Guid.NewGuid().ToString();
        var progress = new ChecklistProgressRepository(Tables);
        Assert.True(await progress.SaveAsync(new ChecklistProgress(stale, "evidence", ["ev-screenshots"], Now.AddDays(-731)), CancellationToken.None));
        Assert.True(await progress.SaveAsync(new ChecklistProgress(fresh, "evidence", ["ev-screenshots"], Now.AddDays(-1)), CancellationToken.None));
        var targets = new ShareTargetRepository(Tables);
        await targets.SaveAsync(stale, new ShareTarget(ShareTarget.KeyFor("19:old@thread.v2"), ShareTarget.GroupChat, "Gamla gruppen", new ConversationReference { Conversation = new ConversationAccount(id: "19:old@thread.v2") }, Now.AddDays(-800)), CancellationToken.None);
        var claims = new ProcessedActivityRepository(Tables);
        Assert.Equal(ClaimOutcome.Claimed, await claims.ClaimAsync("a:conversation", "activity-" + Guid.NewGuid(), Now.AddDays(-1), CancellationToken.None));

        var deleted = await Sweeper().RunAsync(Now, CancellationToken.None);

        Assert.Null(await progress.GetAsync(stale, "evidence", CancellationToken.None));
        Assert.NotNull(await progress.GetAsync(fresh, "evidence", CancellationToken.None));
        Assert.Empty(await targets.ListAsync(stale, CancellationToken.None));
        Assert.True(deleted.ChecklistRows >= 1 && deleted.ShareTargets >= 1 && deleted.ProcessedActivities >= 1);
    }

    [Fact]
    public async Task AuditEvents_OfAHandledCase_HoldOnlyNonPersonalFacts()
    {
        var organisation = "Granskning kommun " + Guid.NewGuid().ToString("N")[..6];
        var reporter = Guid.NewGuid().ToString();
        var record = await HandledCaseAsync(organisation, reporter, Now.AddDays(-2));

        var events = await RowsAsync(StoredTables.AuditEvents, record.OrganisationKey);

        Assert.NotEmpty(events);
        string[] allowed = ["PartitionKey", "RowKey", "Timestamp", "odata.etag", "CaseNumber", "Action", "Outcome", "Reason", "Actor", "At", "FromStatus", "ToStatus"];
        Assert.All(events, e =>
        {
            Assert.Empty(e.Keys.Except(allowed));
            Assert.Matches("^(safety|threats-hate-violence|system|user:[0-9a-f]{20})$", e.GetString("Actor")); // user: an HMAC pseudonym (Pseudonyms.AuditActor)
            Assert.Equal(record.CaseNumber, e.GetString("CaseNumber"));
            var values = string.Join("\n", e.Select(p => p.Value).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.DoesNotContain(reporter, values, StringComparison.Ordinal);
            Assert.DoesNotContain(ReporterName, values, StringComparison.Ordinal);
            Assert.DoesNotContain("Ängsvägen", values, StringComparison.Ordinal);
            Assert.DoesNotContain("Ringde", values, StringComparison.Ordinal);
        });
    }
}

using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.Escalation;

/// <summary>
/// The case lifecycle's rules, table-driven: which action is allowed in which state, who may act, and that every
/// refusal changes nothing and is audited. The Table Storage version of the same rules runs on Azurite.
/// </summary>
public sealed class CaseLifecycleTests
{
    private const string Org = TestTenants.CodeA;
    private static readonly ChannelAccount s_greta = new(id: "29:greta", aadObjectId: CardSamples.GretaAad);
    private static readonly ChannelAccount s_anna = new(id: CardSamples.AnnaTeamsId);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCaseStore _cases = new();
    private readonly InMemoryEscalationStore _escalations = new();
    private readonly InMemoryAuditLog _audit = new();

    private CaseLifecycle Lifecycle() => new(
        _escalations, _cases, _audit, CardSamples.Contacts,
        new AcknowledgementDeadlines(CardSamples.Calendar, new Dictionary<string, string> { ["HOG"] = "00:30" }), _time, SupportBot.Tests.Privacy.TestPseudonyms.Instance);

    /// <summary>Status before, verb, note → status after (null = refused with the reason), who holds it after.</summary>
    public static TheoryData<string, string, string?, string?, string?, string?> Transitions => new()
    {
        { EscalationStatus.New, CaseCommand.Take, null, EscalationStatus.Taken, null, "safety" },
        { EscalationStatus.New, CaseCommand.Handover, null, EscalationStatus.Taken, null, "threats-hate-violence" },
        { EscalationStatus.New, CaseCommand.Close, "Besvarat per telefon.", EscalationStatus.Closed, null, "safety" },
        { EscalationStatus.New, CaseCommand.Close, "  ", null, CaseRefusals.NoteRequired, null },
        { EscalationStatus.New, CaseCommand.Close, null, null, CaseRefusals.NoteRequired, null },
        { EscalationStatus.New, CaseCommand.Close, new string('x', 1001), null, CaseRefusals.NoteTooLong, null },
        { EscalationStatus.New, CaseCommand.Reopen, null, null, CaseRefusals.NotAllowed, null },
        { EscalationStatus.Taken, CaseCommand.Take, null, null, CaseRefusals.NotAllowed, null },
        { EscalationStatus.Taken, CaseCommand.Handover, null, EscalationStatus.Taken, null, "safety" },
        { EscalationStatus.Taken, CaseCommand.Close, "Klart.", EscalationStatus.Closed, null, "threats-hate-violence" },
        { EscalationStatus.Taken, CaseCommand.Reopen, null, null, CaseRefusals.NotAllowed, null },
        { EscalationStatus.Closed, CaseCommand.Take, null, null, CaseRefusals.NotAllowed, null },
        { EscalationStatus.Closed, CaseCommand.Handover, null, null, CaseRefusals.NotAllowed, null },
        { EscalationStatus.Closed, CaseCommand.Close, "Igen.", null, CaseRefusals.NotAllowed, null },
        { EscalationStatus.Closed, CaseCommand.Reopen, null, EscalationStatus.Taken, null, "safety" },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task ActAsync_ByGretaInEachState_FollowsTheLifecycle(string before, string verb, string? note, string? after, string? refusal, string? holder)
    {
        // Taken and closed cases are held by Anna (so that a handover goes to Greta and a close keeps Anna).
        var escalation = await EscalatedAsync(before, before == EscalationStatus.New ? null : "threats-hate-violence");

        var result = await Lifecycle().ActAsync(new CaseCommand(verb, Org, escalation.CaseNumber, escalation.Version, note, null), s_greta, TestTenants.Skr, CancellationToken.None);

        var stored = (await _escalations.GetAsync(Org, escalation.CaseNumber, CancellationToken.None))!;
        if (after is null)
        {
            Assert.Equal(refusal, result.Refusal);
            Assert.Equal(escalation, stored);
            Assert.Empty(_escalations.Notices);
            Assert.Equal(AuditOutcomes.Refused, Assert.Single(_audit.Events).Outcome);
            return;
        }

        Assert.Null(result.Refusal);
        Assert.Equal(after, stored.Status);
        Assert.Equal(holder, stored.AssignedAdviser);
        Assert.Equal(escalation.Version + 1, stored.Version);
        Assert.Null(stored.AcknowledgeBy);
        var kinds = _escalations.Notices.Select(n => n.Kind).ToList();
        Assert.Contains(NoticeKinds.Update, kinds);
        Assert.Contains(_escalations.Notices, n => n.Kind == NoticeKinds.Status && n.Recipient == escalation.ReporterId && n.Payload == verb);
        var audited = Assert.Single(_audit.Events);
        Assert.Equal((AuditOutcomes.Accepted, "safety", before, after), (audited.Outcome, audited.Actor, audited.FromStatus, audited.ToStatus));
    }

    /// <summary>Who acts, on which case → the refusal. Nothing changes for any of them.</summary>
    public static TheoryData<string, string, string?, string?, int?, string> Forgeries => new()
    {
        { "a colleague who is no adviser", "colleague", Org, "own", 1, CaseRefusals.NotAdviser },
        { "nobody (no from)", "none", Org, "own", 1, CaseRefusals.NotAdviser },
        { "an account without ids", "empty", Org, "own", 1, CaseRefusals.NotAdviser },
        { "the adviser's ids from a municipality's tenant", "greta-elsewhere", Org, "own", 1, CaseRefusals.NotAdviser },
        { "an unknown case", "greta", Org, "HH-2026-9999", 1, CaseRefusals.UnknownCase },
        { "another organisation's case", "greta", "annanstad-kommun", "own", 1, CaseRefusals.UnknownCase },
        { "an organisation key that is no key", "greta", "x/../../y", "own", 1, CaseRefusals.UnknownCase },
        { "no organisation", "greta", null, "own", 1, CaseRefusals.UnknownCase },
        { "a malformed case number", "greta", Org, "'; DROP TABLE", 1, CaseRefusals.UnknownCase },
        { "a replayed old card", "greta", Org, "own", 0, CaseRefusals.Stale },
        { "a card from the future", "greta", Org, "own", 7, CaseRefusals.Stale },
        { "a card without a version", "greta", Org, "own", null, CaseRefusals.Stale },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task ActAsync_ForgedTake_IsRefusedAndChangesNothing_AndAnAdvisersRefusalIsAudited(string scenario, string actor, string? org, string? caseNumber, int? version, string refusal)
    {
        var escalation = await EscalatedAsync(EscalationStatus.New, null);
        var from = actor switch
        {
            "greta" or "greta-elsewhere" => s_greta,
            "colleague" => new ChannelAccount(id: "29:ali", aadObjectId: "e2e0d000-0000-4000-8000-000000000006"),
            "empty" => new ChannelAccount(id: string.Empty, aadObjectId: string.Empty),
            _ => null,
        };

        var tenant = actor == "greta-elsewhere" ? TestTenants.A : TestTenants.Skr;
        var result = await Lifecycle().ActAsync(new CaseCommand(CaseCommand.Take, org, caseNumber == "own" ? escalation.CaseNumber : caseNumber, version, null, null), from, tenant, CancellationToken.None);

        Assert.True(result.Refusal == refusal, scenario);
        Assert.Equal(escalation, await _escalations.GetAsync(Org, escalation.CaseNumber, CancellationToken.None));
        Assert.Empty(_escalations.Notices);
        // A refusal never shows a case to someone who is no adviser, nor a case that was not found.
        Assert.True(result.Case is null || refusal == CaseRefusals.Stale, scenario);
        if (refusal == CaseRefusals.NotAdviser)
        {
            // Junk from someone who is no adviser is counted (metric, rate limit), never one audit row each.
            Assert.Empty(_audit.Events);
            return;
        }

        var audited = Assert.Single(_audit.Events);
        Assert.Equal((AuditOutcomes.Refused, refusal), (audited.Outcome, audited.Reason));
        Assert.DoesNotContain("e2e0d000", audited.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActAsync_UnknownVerbFromAnAdviser_IsRefusedAndAudited()
    {
        var escalation = await EscalatedAsync(EscalationStatus.New, null);

        var result = await Lifecycle().ActAsync(new CaseCommand("case.delete", Org, escalation.CaseNumber, 1, null, null), s_anna, TestTenants.Skr, CancellationToken.None);

        Assert.Equal(CaseRefusals.UnknownAction, result.Refusal);
        Assert.Equal(("(unknown)", "threats-hate-violence"), (_audit.Events.Single().Action, _audit.Events.Single().Actor));
    }

    [Fact]
    public async Task ActAsync_ChangedByTheOtherAdviserMeanwhile_IsRefusedAsStaleWithTheCurrentCase()
    {
        var escalation = await EscalatedAsync(EscalationStatus.New, null);
        // Anna took it a moment ago (another instance): the stored ETag and version moved on.
        _escalations.Replace(escalation with { Status = EscalationStatus.Taken, AssignedAdviser = "threats-hate-violence", Version = 2 });

        var result = await Lifecycle().ActAsync(new CaseCommand(CaseCommand.Take, Org, escalation.CaseNumber, 1, null, null), s_greta, TestTenants.Skr, CancellationToken.None);

        Assert.Equal(CaseRefusals.Stale, result.Refusal);
        Assert.Equal("threats-hate-violence", result.Case!.AssignedAdviser);
    }

    [Fact]
    public async Task AddInformationAsync_OnTakenCase_GoesToTheHolderOnly()
    {
        var escalation = await EscalatedAsync(EscalationStatus.Taken, "threats-hate-violence");

        var result = await Lifecycle().AddInformationAsync(new ChannelAccount(id: "29:karin", aadObjectId: escalation.ReporterId), escalation.CaseNumber, "Han ringde igen i kväll.", CancellationToken.None);

        Assert.Null(result.Refusal);
        var notice = Assert.Single(_escalations.Notices);
        Assert.Equal((NoticeKinds.Information, "threats-hate-violence", "Han ringde igen i kväll."), (notice.Kind, notice.Recipient, notice.Payload));
    }

    [Theory]
    [InlineData("someone-else", EscalationStatus.New, "Text", CaseRefusals.UnknownCase)]
    [InlineData("reporter", EscalationStatus.Closed, "Text", CaseRefusals.Closed)]
    [InlineData("reporter", EscalationStatus.New, "   ", CaseRefusals.InformationRequired)]
    public async Task AddInformationAsync_NotAllowed_IsRefusedAndQueuesNothing(string who, string status, string text, string refusal)
    {
        var escalation = await EscalatedAsync(status, status == EscalationStatus.New ? null : "safety");
        var from = new ChannelAccount(id: "29:x", aadObjectId: who == "reporter" ? escalation.ReporterId : "someone-else");

        var result = await Lifecycle().AddInformationAsync(from, escalation.CaseNumber, text, CancellationToken.None);

        Assert.Equal(refusal, result.Refusal);
        Assert.Empty(_escalations.Notices);
    }

    [Fact]
    public void QueueOrder_MixedCases_UnassignedAndOwnMostUrgentThenOldestFirst()
    {
        var t = _time.GetUtcNow();
        EscalationRecord E(string number, Urgency urgency, int minutesAgo, string status = EscalationStatus.New, string? holder = null) =>
            new(number, Org, "safety", null, "r", "sv", "en", "rep", t.AddMinutes(-minutesAgo), status) { Urgency = urgency, AssignedAdviser = holder };

        var ordered = EscalationCards.QueueOrder(
            [
                E("HH-2026-0001", Urgency.Normal, 300),
                E("HH-2026-0002", Urgency.Hog, 10),
                E("HH-2026-0003", Urgency.Hog, 60),
                E("HH-2026-0004", Urgency.Akut, 1),
                E("HH-2026-0005", Urgency.Akut, 5, EscalationStatus.Taken, "threats-hate-violence"),
                E("HH-2026-0006", Urgency.Forebyggande, 900, EscalationStatus.Taken, "safety"),
                E("HH-2026-0007", Urgency.Hog, 30, EscalationStatus.Closed, "safety"),
            ],
            "safety").Select(e => e.CaseNumber);

        Assert.Equal(["HH-2026-0004", "HH-2026-0003", "HH-2026-0002", "HH-2026-0001", "HH-2026-0006"], ordered);
    }

    private async Task<EscalationRecord> EscalatedAsync(string status, string? holder)
    {
        var record = await _cases.CreateAsync(
            new NewCase(TestTenants.A, TestTenants.CodeA, TestTenants.NameA, "reporter-aad", "Karin Ek", Urgency.Hog, new Dictionary<string, string> { ["what"] = "threat", ["markers"] = "knows-home" }, _time.GetUtcNow(), "sv"),
            CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        var escalation = EscalationRecord.From(record, decision, _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(30)) with
        {
            Status = status,
            AssignedAdviser = holder,
            ClosingNote = status == EscalationStatus.Closed ? "Klart." : null,
        };
        Assert.True(await _escalations.SubmitAsync(escalation, decision.NotifyNow, CancellationToken.None));
        return (await _escalations.GetAsync(Org, record.CaseNumber, CancellationToken.None))!;
    }
}

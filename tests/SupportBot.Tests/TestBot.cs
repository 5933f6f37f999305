using Microsoft.Bot.Builder;
using Moq;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Bot.Bots;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Questions;
using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Dialogs.Triage;
using SupportBot.Testing;
using SupportBot.Tests.Cards;
using SupportBot.Storage.ConversationReferences;
using SupportBot.Tests.Privacy;

namespace SupportBot.Tests;

/// <summary>The real activity handler and dialogs, composed by hand over the given storage and case store.</summary>
internal sealed class TestBot
{
    public TestBot(IStorage? storage = null, ICaseStore? cases = null, FakeTimeProvider? time = null, DialogEngineOptions? options = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        Cases = cases ?? new InMemoryCaseStore();
        Storage = storage ?? new MemoryStorage();
        ConversationState = new ConversationState(Storage);
        UserState = new UserState(Storage);
        var texts = TextCatalog.Default;
        var help = new HelpCards(texts, CardLibrary.Default);
        var dialogCards = new DialogCards(texts, CardLibrary.Default, CardSamples.Contacts);
        var triageCards = new TriageCards(texts, CardLibrary.Default, GuidanceContent.Default, CardSamples.Contacts);
        var vocabulary = new DialogVocabulary(texts);
        var engine = new DialogEngine(
            FlowCatalog.Default,
            new AnswerParser(vocabulary),
            vocabulary,
            dialogCards,
            [new TriageCompletion(Cases, triageCards, TestTenants.Directory, Time)],
            Time,
            Microsoft.Extensions.Options.Options.Create(options ?? new DialogEngineOptions()),
            [new OrganisationChoices(TestTenants.Directory)]);
        Escalations = new InMemoryEscalationStore();
        Audit = new InMemoryAuditLog();
        var calendar = CardSamples.Calendar;
        var deadlines = new AcknowledgementDeadlines(calendar, new Dictionary<string, string> { ["AKUT"] = "00:15", ["HOG"] = "00:30" });
        var escalations = new EscalationDesk(Cases, Escalations, EscalationRouter.Default, deadlines, CardSamples.Contacts, triageCards, Time);
        EscalationCards = new EscalationCards(texts, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, CardSamples.Contacts, triageCards, calendar);
        Lifecycle = new CaseLifecycle(Escalations, Cases, Audit, CardSamples.Contacts, deadlines, Time, TestPseudonyms.Instance);
        var desk = new AdviserDesk(Lifecycle, Escalations, Cases, EscalationCards, CardSamples.Contacts);
        Overview = new OverviewDesk(
            new ManagerDirectory(TestTenants.Directory, [new ManagerEntry(ManagerAad, TestTenants.A, TestTenants.CodeA)]),
            OverviewData,
            OverviewChart,
            new OverviewCards(texts, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default),
            triageCards,
            calendar,
            Time,
            subscriptions: Subscriptions);
        Checklists = new ChecklistDesk(ChecklistContent.Default, new ChecklistCards(texts, CardLibrary.Default, ChecklistContent.Default), ChecklistProgress, ShareTargets, Poster, texts, Time);
        Erasure = new ErasureDesk(Eraser, ConversationState, UserState, CardSamples.Contacts, triageCards, texts, CardLibrary.Default, ErasureTokens, Time);
        Places = new PlaceCards(texts, triageCards, CardSamples.Contacts);
        var questions = new QuestionDesk(QuestionIndex.Default, QuestionContent.Default, GuidanceContent.Default, ChecklistContent.Default, vocabulary, dialogCards, texts, CardLibrary.Default, CardSamples.Contacts);
        var router = new MessageRouter(engine, new CommandRecognizer(texts), vocabulary, help, dialogCards, triageCards, Cases, escalations, desk, Overview, Checklists, FlowCatalog.Default, Erasure, questions, TestTenants.Directory, Places, PersonalChat,
            new SubscriptionDesk(Subscriptions, TestTenants.Directory, ContentVersions, new SubscriptionCards(texts, CardLibrary.Default, ChecklistContent.Default), Time),
            new SupportBot.Dialogs.FollowUps.FollowUpDesk(new Mock<SupportBot.Dialogs.FollowUps.IFollowUpStore>().Object, Cases, Lifecycle, new SupportBot.Dialogs.FollowUps.FollowUpCards(texts, CardLibrary.Default, calendar), new SupportBot.Dialogs.FollowUps.FollowUpSchedule(calendar), triageCards, Time));
        Router = router;
        References = new Mock<IConversationReferenceRepository>();
        Handler = new SupportActivityHandler(ConversationState, help, router, Checklists, References.Object, Time);
    }

    /// <summary>Maria Holm's Entra object id: the manager of Uppsala kommun (tenant A) in these tests.</summary>
    public const string ManagerAad = "e2e0d000-0000-4000-8000-000000000003";

    public FakeTimeProvider Time { get; }

    public InMemorySubscriptionStore Subscriptions { get; } = new();

    public static readonly IContentVersions ContentVersions = SupportBot.Dialogs.Content.ContentVersions.From(GuidanceContent.Default, ChecklistContent.Default, QuestionContent.Default);

    public PlaceCards Places { get; }

    /// <summary>What the bot posted in people's personal chats when case work was asked for in a shared room.</summary>
    public RecordingPersonalChat PersonalChat { get; } = new();

    public OverviewDesk Overview { get; }

    public InMemoryOverviewSource OverviewData { get; } = new();

    public TinyChart OverviewChart { get; } = new();

    public ICaseStore Cases { get; }

    public ChecklistDesk Checklists { get; }

    public InMemoryChecklistProgress ChecklistProgress { get; } = new();

    public InMemoryShareTargets ShareTargets { get; } = new();

    public RecordingPoster Poster { get; } = new();

    public InMemoryEscalationStore Escalations { get; }

    public InMemoryAuditLog Audit { get; }

    public EscalationCards EscalationCards { get; }

    public CaseLifecycle Lifecycle { get; }

    public ConversationState ConversationState { get; }

    public UserState UserState { get; }

    public IStorage Storage { get; }

    public ErasureDesk Erasure { get; }

    public InMemoryErasureTokenLedger ErasureTokens { get; } = new();

    public RecordingEraser Eraser { get; } = new();

    public Mock<IConversationReferenceRepository> References { get; }

    public SupportActivityHandler Handler { get; }

    public MessageRouter Router { get; }
}

/// <summary>A case store in memory for unit tests; the Table Storage one is tested on Azurite.</summary>
internal sealed class InMemoryCaseStore : ICaseStore
{
    private readonly List<CaseRecord> _cases = [];

    public IReadOnlyList<CaseRecord> Saved
    {
        get
        {
            lock (_cases)
            {
                return [.. _cases];
            }
        }
    }

    public async Task<CaseRecord> CreateAsync(NewCase newCase, Func<CaseRecord, CancellationToken, Task> alongside, CancellationToken cancellationToken)
    {
        var record = await CreateAsync(newCase, cancellationToken);
        await alongside(record, cancellationToken);
        return record;
    }

    public Task<CaseRecord> CreateAsync(NewCase newCase, CancellationToken cancellationToken)
    {
        lock (_cases)
        {
            var record = newCase.SavedAs($"HH-{newCase.CreatedAt.Year}-{_cases.Count + 1:0000}");
            _cases.Add(record);
            return Task.FromResult(record);
        }
    }

    public Task<IReadOnlyList<CaseRecord>> ListByReporterAsync(string reporterId, CancellationToken cancellationToken)
    {
        lock (_cases)
        {
            return Task.FromResult<IReadOnlyList<CaseRecord>>(_cases.Where(c => c.ReporterId == reporterId).Reverse().ToList());
        }
    }

    public Task<CaseRecord?> GetForReporterAsync(string reporterId, string caseNumber, CancellationToken cancellationToken)
    {
        lock (_cases)
        {
            return Task.FromResult(_cases.FirstOrDefault(c => c.ReporterId == reporterId && c.CaseNumber == caseNumber));
        }
    }

    public Task<CaseRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        lock (_cases)
        {
            return Task.FromResult(_cases.FirstOrDefault(c => c.OrganisationKey == organisationKey && c.CaseNumber == caseNumber));
        }
    }
}

/// <summary>
/// Escalations in memory for unit tests, with the same contract as the Table Storage one (tested on Azurite): a change
/// is stored only if the record was not changed since it was read (a version counter stands in for the ETag), and its
/// notices are stored with it.
/// </summary>
internal sealed class InMemoryEscalationStore : IEscalationStore
{
    private readonly Dictionary<string, (EscalationRecord Record, IReadOnlyList<string> Notified)> _escalations = [];
    private readonly List<EscalationNotice> _notices = [];
    private readonly List<CardPost> _posts = [];
    private int _etag;

    public IReadOnlyList<(EscalationRecord Record, IReadOnlyList<string> Notified)> Submitted
    {
        get
        {
            lock (_escalations)
            {
                return [.. _escalations.Values];
            }
        }
    }

    /// <summary>Every notice queued by a change (not the new-case notices of <see cref="SubmitAsync"/>).</summary>
    public IReadOnlyList<EscalationNotice> Notices
    {
        get
        {
            lock (_escalations)
            {
                return [.. _notices];
            }
        }
    }

    public IReadOnlyList<CardPost> Posts
    {
        get
        {
            lock (_escalations)
            {
                return [.. _posts];
            }
        }
    }

    public Task<bool> SubmitAsync(EscalationRecord escalation, IReadOnlyList<string> notifyAdvisers, CancellationToken cancellationToken)
    {
        lock (_escalations)
        {
            return Task.FromResult(_escalations.TryAdd(Key(escalation), (escalation with { ETag = NextETag() }, notifyAdvisers)));
        }
    }

    public Task<EscalationRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        lock (_escalations)
        {
            return Task.FromResult(_escalations.TryGetValue(organisationKey + "|" + caseNumber, out var found) ? found.Record : null);
        }
    }

    public Task<bool> UpdateAsync(EscalationRecord changed, IReadOnlyList<EscalationNotice> notices, CancellationToken cancellationToken)
    {
        lock (_escalations)
        {
            if (!_escalations.TryGetValue(Key(changed), out var current) || current.Record.ETag != changed.ETag)
            {
                return Task.FromResult(false);
            }

            _escalations[Key(changed)] = (changed with { ETag = NextETag() }, current.Notified);
            _notices.AddRange(notices);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<EscalationRecord>> ListOpenAsync(CancellationToken cancellationToken)
    {
        lock (_escalations)
        {
            return Task.FromResult<IReadOnlyList<EscalationRecord>>(_escalations.Values.Select(v => v.Record).Where(r => r.IsOpen).ToList());
        }
    }

    public Task RecordPostAsync(CardPost post, CancellationToken cancellationToken)
    {
        lock (_escalations)
        {
            _posts.Add(post);
            return Task.CompletedTask;
        }
    }

    /// <summary>Changes a stored record behind the lifecycle's back (as another instance would), keeping its ETag current.</summary>
    public void Replace(EscalationRecord record)
    {
        lock (_escalations)
        {
            _escalations[Key(record)] = (record with { ETag = NextETag() }, _escalations[Key(record)].Notified);
        }
    }

    private string NextETag() => "W/\"" + (++_etag).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    private static string Key(EscalationRecord record) => record.OrganisationKey + "|" + record.CaseNumber;
}

/// <summary>The audit log in memory for unit tests; the append-only table is tested on Azurite.</summary>
internal sealed class InMemoryAuditLog : IAuditLog
{
    private readonly List<AuditEvent> _events = [];

    public IReadOnlyList<AuditEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(auditEvent);
            return Task.CompletedTask;
        }
    }
}

/// <summary>The overview's numbers for unit tests: whatever the test puts in, and which organisations were asked for.</summary>
internal sealed class InMemoryOverviewSource : IOverviewSource
{
    public OverviewData Data { get; set; } = new([], []);

    public RecordedCollection<string> Asked { get; } = new();

    public Task<OverviewData> LoadAsync(string organisationKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        Asked.Add(organisationKey);
        return Task.FromResult(Data);
    }
}

/// <summary>A stand-in for the ScottPlot chart (rendered for real in the integration tests): a 1×1 PNG.</summary>
internal sealed class TinyChart : IOverviewChart
{
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public RecordedCollection<ChartSpec> Drawn { get; } = new();

    public byte[] RenderPng(ChartSpec chart)
    {
        Drawn.Add(chart);
        return Png;
    }
}

/// <summary>Records which ids were erased (the Table Storage eraser is tested on Azurite).</summary>
internal sealed class RecordingEraser : IPersonalDataEraser
{
    public RecordedCollection<IReadOnlyCollection<string>> Calls { get; } = new();

    public ErasureResult Result { get; set; } = new(2, 1, 3, 1, 4, 1, 1);

    public Task<ErasureResult> EraseAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        Calls.Add([.. personIds]);
        return Task.FromResult(Result);
    }
}

/// <summary>Records what would be posted in a personal chat; <see cref="Opens"/> says whether Teams allows it.</summary>
internal sealed class RecordingPersonalChat : IPersonalChat
{
    public bool Opens { get; set; } = true;

    public RecordedCollection<Microsoft.Bot.Schema.IMessageActivity> Sent { get; } = new();

    public Task<bool> SendAsync(ITurnContext turnContext, Microsoft.Bot.Schema.IMessageActivity message, CancellationToken cancellationToken)
    {
        if (Opens)
        {
            Sent.Add(message);
        }

        return Task.FromResult(Opens);
    }
}

/// <summary>Single-use erasure confirmations in memory (Table Storage claims in the bot).</summary>
internal sealed class InMemoryErasureTokenLedger : IErasureTokenLedger
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Task<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_used)
        {
            return Task.FromResult(_used.Add(nonce));
        }
    }
}

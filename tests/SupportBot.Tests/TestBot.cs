using Microsoft.Bot.Builder;
using Moq;
using SupportBot.Bot.ConversationReferences;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Bot.Bots;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests;

/// <summary>The real activity handler and dialogs, composed by hand over the given storage and case store.</summary>
internal sealed class TestBot
{
    public TestBot(IStorage? storage = null, ICaseStore? cases = null, FakeTimeProvider? time = null, DialogEngineOptions? options = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        Cases = cases ?? new InMemoryCaseStore();
        ConversationState = new ConversationState(storage ?? new MemoryStorage());
        var texts = TextCatalog.Default;
        var help = new HelpCards(texts, CardLibrary.Default);
        var dialogCards = new DialogCards(texts, CardLibrary.Default, CardSamples.Contacts);
        var triageCards = new TriageCards(texts, CardLibrary.Default, GuidanceContent.Default, ChecklistContent.Default, CardSamples.Contacts);
        var vocabulary = new DialogVocabulary(texts);
        var engine = new DialogEngine(
            FlowCatalog.Default,
            new AnswerParser(vocabulary),
            vocabulary,
            dialogCards,
            [new TriageCompletion(Cases, triageCards, Time)],
            Time,
            Microsoft.Extensions.Options.Options.Create(options ?? new DialogEngineOptions()));
        Escalations = new InMemoryEscalationStore();
        var calendar = new OfficeCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(8, 0), new TimeOnly(17, 0));
        var escalations = new EscalationRequests(Cases, Escalations, EscalationRouter.Default, calendar, CardSamples.Contacts, triageCards, Time);
        var router = new MessageRouter(engine, new CommandRecognizer(texts), vocabulary, help, dialogCards, triageCards, Cases, escalations, FlowCatalog.Default);
        References = new Mock<IConversationReferenceRepository>();
        Handler = new SupportActivityHandler(ConversationState, help, router, References.Object, Time);
    }

    public FakeTimeProvider Time { get; }

    public ICaseStore Cases { get; }

    public InMemoryEscalationStore Escalations { get; }

    public ConversationState ConversationState { get; }

    public Mock<IConversationReferenceRepository> References { get; }

    public SupportActivityHandler Handler { get; }
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

    public Task<CaseRecord> CreateAsync(NewCase newCase, CancellationToken cancellationToken)
    {
        lock (_cases)
        {
            var record = new CaseRecord(
                $"HH-{newCase.CreatedAt.Year}-{_cases.Count + 1:0000}",
                OrganisationKeys.From(newCase.OrganisationName),
                newCase.OrganisationName,
                newCase.ReporterId,
                newCase.ReporterName,
                newCase.Urgency,
                newCase.Answers,
                newCase.CreatedAt,
                CaseStatus.New,
                newCase.Language);
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
}

/// <summary>Escalations in memory for unit tests; the Table Storage one (with its atomic outbox) is tested on Azurite.</summary>
internal sealed class InMemoryEscalationStore : IEscalationStore
{
    private readonly Dictionary<string, (EscalationRecord Record, IReadOnlyList<string> Notified)> _escalations = [];

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

    public Task<bool> SubmitAsync(EscalationRecord escalation, IReadOnlyList<string> notifyAdvisers, CancellationToken cancellationToken)
    {
        lock (_escalations)
        {
            return Task.FromResult(_escalations.TryAdd(escalation.OrganisationKey + "|" + escalation.CaseNumber, (escalation, notifyAdvisers)));
        }
    }

    public Task<EscalationRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        lock (_escalations)
        {
            return Task.FromResult(_escalations.TryGetValue(organisationKey + "|" + caseNumber, out var found) ? found.Record : null);
        }
    }
}

using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Bot.Telemetry;

/// <summary>Counts completed triages where they become cases: the one place that knows the urgency.</summary>
public sealed class MeteredCaseStore(ICaseStore inner, SupportBotMetrics metrics) : ICaseStore
{
    public async Task<CaseRecord> CreateAsync(NewCase newCase, CancellationToken cancellationToken)
    {
        var record = await inner.CreateAsync(newCase, cancellationToken).ConfigureAwait(false);
        metrics.TriageCompleted(record.Urgency);
        return record;
    }

    public async Task<CaseRecord> CreateAsync(NewCase newCase, Func<CaseRecord, CancellationToken, Task> alongside, CancellationToken cancellationToken)
    {
        var record = await inner.CreateAsync(newCase, alongside, cancellationToken).ConfigureAwait(false);
        metrics.TriageCompleted(record.Urgency);
        return record;
    }

    public Task<IReadOnlyList<CaseRecord>> ListByReporterAsync(string reporterId, CancellationToken cancellationToken) =>
        inner.ListByReporterAsync(reporterId, cancellationToken);

    public Task<CaseRecord?> GetForReporterAsync(string reporterId, string caseNumber, CancellationToken cancellationToken) =>
        inner.GetForReporterAsync(reporterId, caseNumber, cancellationToken);

    public Task<CaseRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken) =>
        inner.GetAsync(organisationKey, caseNumber, cancellationToken);
}

/// <summary>Counts escalations when they are saved for the first time (a repeated click on "Eskalera" is not a new one).</summary>
public sealed class MeteredEscalationStore(IEscalationStore inner, SupportBotMetrics metrics) : IEscalationStore
{
    public async Task<bool> SubmitAsync(EscalationRecord escalation, IReadOnlyList<string> notifyAdvisers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var saved = await inner.SubmitAsync(escalation, notifyAdvisers, cancellationToken).ConfigureAwait(false);
        if (saved)
        {
            metrics.Escalated(escalation.Urgency);
        }

        return saved;
    }

    public Task<EscalationRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken) =>
        inner.GetAsync(organisationKey, caseNumber, cancellationToken);

    public Task<bool> UpdateAsync(EscalationRecord changed, IReadOnlyList<EscalationNotice> notices, CancellationToken cancellationToken) =>
        inner.UpdateAsync(changed, notices, cancellationToken);

    public Task<IReadOnlyList<EscalationRecord>> ListOpenAsync(CancellationToken cancellationToken) =>
        inner.ListOpenAsync(cancellationToken);

    public Task RecordPostAsync(CardPost post, CancellationToken cancellationToken) =>
        inner.RecordPostAsync(post, cancellationToken);
}

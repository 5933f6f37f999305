using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// "Eskalera till SKL" on a case: route it, save the escalation with its notifications in one write, and tell
/// the reporter at once where it went, whether it is outside office hours, and how to phone.
/// </summary>
public sealed class EscalationRequests(
    ICaseStore cases,
    IEscalationStore escalations,
    EscalationRouter router,
    OfficeCalendar calendar,
    SupportContacts contacts,
    TriageCards cards,
    TimeProvider time)
{
    public async Task<IActivity> EscalateAsync(ITurnContext turnContext, string? caseNumber, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var record = await cases.GetForReporterAsync(ReporterIds.Of(turnContext.Activity.From), caseNumber ?? string.Empty, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return cards.Notice("cases.notFound", language);
        }

        var now = time.GetUtcNow();
        var decision = router.Route(new TriageAnswers(record.Answers), record.Urgency);
        var escalation = EscalationRecord.From(record, decision, now);
        var newlySent = await escalations.SubmitAsync(escalation, decision.NotifyNow, cancellationToken).ConfigureAwait(false);
        var status = newlySent
            ? EscalationStatus.New
            : (await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, cancellationToken).ConfigureAwait(false))?.Status ?? EscalationStatus.New;
        return cards.EscalationSent(
            record.CaseNumber,
            router.CardLine(decision, contacts.AdviserName, language),
            newlySent,
            status,
            outsideOfficeHours: !calendar.IsOpen(now),
            language);
    }
}

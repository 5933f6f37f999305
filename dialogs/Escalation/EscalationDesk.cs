using Microsoft.Bot.Builder;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// "Be SKR:s rådgivare om råd" (the configured organisation) on a case: route it, save the escalation with its notifications in one write, and tell
/// the reporter at once where it went, whether it is outside office hours, and how to phone. The reporter's card is
/// remembered, so that it shows the case's status as it changes.
/// </summary>
public sealed class EscalationDesk(
    ICaseStore cases,
    IEscalationStore escalations,
    EscalationRouter router,
    AcknowledgementDeadlines deadlines,
    SupportContacts contacts,
    TriageCards cards,
    TimeProvider time) : ICardVerbSource
{
    public const string EscalateVerb = "escalate";
    public const string ConfirmedVerb = "escalateconfirmed";

    /// <summary>The guidance card's "ask SKR's advisers" and the confirmation card's send (Action.Submit, when no dialog took them).</summary>
    public void RegisterVerbs(CardVerbRegistry verbs)
    {
        ArgumentNullException.ThrowIfNull(verbs);
        verbs.Add(EscalateVerb, CardVerbStage.AfterDialog, async (click, ct) =>
        {
            await EscalateAsync(click.Turn, click.Data, click.ValueText, click.Language, ct).ConfigureAwait(false);
            return null;
        });
        verbs.Add(ConfirmedVerb, CardVerbStage.AfterDialog, async (click, ct) =>
        {
            await EscalateAsync(click.Turn, click.Data, click.ValueText, click.Language, ct, confirmed: true).ConfigureAwait(false);
            return null;
        });
    }

    /// <param name="data">The chat's state: the case its triage just saved is there (<see cref="ConversationData.LastCase"/>).</param>
    /// <param name="confirmed">The reporter has seen what the advisers will see (the description, missing consent) and pressed send.</param>
    public async Task EscalateAsync(ITurnContext turnContext, ConversationData data, string? caseNumber, UserLanguage language, CancellationToken cancellationToken, bool confirmed = false)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var reporterId = ReporterIds.Of(turnContext.Activity.From);
        var record = data.LastCase is { } last && last.CaseNumber == caseNumber && last.ReporterId == reporterId && reporterId.Length > 0
            ? last
            : await cases.GetForReporterAsync(reporterId, caseNumber ?? string.Empty, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            await turnContext.SendActivityAsync(cards.Notice("cases.notFound", language), cancellationToken).ConfigureAwait(false);
            return;
        }

        var answers = new TriageAnswers(record.Answers);

        // The advisers support the organisation: never the exposed official themself, never central government
        // (a button on an old card or a forged click gets the same answer as the card would have given).
        if (!answers.MayAskAdvisers)
        {
            var key = answers.ReporterIsOfficial ? "escalation.notForOfficial" : "escalation.notForCentral";
            await turnContext.SendActivityAsync(cards.Message(cards.FormatText(key, language, ("number", record.CaseNumber)), string.Empty, [], cards.FormatText("escalation.footer", language), language), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Before anything leaves the organisation: what the advisers will see, and consent still missing (a case already
        // sent goes on to "already sent" instead of asking again).
        if (!confirmed && (answers.Description is not null || answers.ConsentMissing)
            && await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, cancellationToken).ConfigureAwait(false) is null)
        {
            await turnContext.SendActivityAsync(cards.EscalationConfirm(record, language), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The escalation and its notifications go out now: a redelivered copy of this activity must stop here. Every copy
        // comes this far (nothing above depends on what this turn changes), so the claim alone guards it.
        await TurnClaims.ClaimAloneAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var decision = router.Route(answers, record.Urgency);
        var escalation = EscalationRecord.From(record, decision, now, deadlines.DueAt(record.Urgency, now));
        var newlySent = await escalations.SubmitAsync(escalation, decision.NotifyNow, cancellationToken).ConfigureAwait(false);
        var status = newlySent
            ? EscalationStatus.New
            : (await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, cancellationToken).ConfigureAwait(false))?.Status ?? EscalationStatus.New;
        var reply = cards.EscalationSent(
            record.CaseNumber,
            router.CardLine(decision, contacts.AdviserName, language),
            newlySent,
            status,
            outsideOfficeHours: !deadlines.Calendar.IsOpen(now),
            language,
            emergency: record.Urgency == Urgency.Akut);
        var sent = await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        if (newlySent && !string.IsNullOrEmpty(sent?.Id))
        {
            // Where this card is, so that "Greta Berg har tagit ditt ärende" can also change it in place.
            await escalations.RecordPostAsync(
                new CardPost(record.OrganisationKey, record.CaseNumber, NoticeRecipients.Reporter, record.ReporterId, turnContext.Activity.GetConversationReference(), sent.Id, language.Code()),
                cancellationToken).ConfigureAwait(false);
        }
    }
}

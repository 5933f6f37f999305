using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Limits;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// The case cards' buttons in a turn: advisers' Action.Execute (answered with the updated card, which Teams puts in
/// place of the one clicked) and the same actions as Action.Submit for clients without Universal Actions (the clicked
/// card is updated in place when the client says which it was); the reporter's "add information"; the advisers' queue.
/// </summary>
public sealed class AdviserDesk(CaseLifecycle lifecycle, IEscalationStore escalations, ICaseStore cases, EscalationCards cards, SupportContacts contacts) : ICardVerbSource
{
    /// <summary>The case verbs, as Action.Execute (advisers in Teams) and Action.Submit (other clients, the reporter's "add information").</summary>
    public void RegisterVerbs(CardVerbRegistry verbs)
    {
        ArgumentNullException.ThrowIfNull(verbs);
        foreach (var verb in new[] { CaseCommand.Take, CaseCommand.Close, CaseCommand.Handover, CaseCommand.Reopen, CaseCommand.Open, CaseCommand.AddInformation })
        {
            verbs.Add(
                verb,
                CardVerbStage.BeforeDialog,
                async (click, ct) =>
                {
                    await SubmitAsync(click.Turn, click.Value, click.Language, ct).ConfigureAwait(false);
                    return null;
                },
                (click, ct) => ExecuteAsync(click.Turn, click.Verb, click.Value, click.Language, ct));
        }
    }

    /// <summary>Action.Execute: the card to show in place of the one clicked.</summary>
    public async Task<JsonObject> ExecuteAsync(ITurnContext turnContext, string? verb, object? data, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var command = CaseCommand.FromCardData(data, verb);
        var caseRead = ReadCaseAhead(command, turnContext.Activity, cancellationToken);
        var result = await lifecycle.ActAsync(command, turnContext.Activity.From, ActivityTenant.Of(turnContext.Activity), cancellationToken).ConfigureAwait(false);
        Signal(turnContext, result.Refusal);
        var card = await CardForAsync(result, caseRead, language, cancellationToken).ConfigureAwait(false);
        return card ?? cards.RefusedCard(result.Refusal ?? CaseRefusals.UnknownCase, language);
    }

    /// <summary>Action.Submit with a case verb (<see cref="CaseCommand.IsCaseVerb"/>).</summary>
    public async Task SubmitAsync(ITurnContext turnContext, object? data, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var command = CaseCommand.FromCardData(data);
        if (command.Verb == CaseCommand.AddInformation)
        {
            await AddInformationAsync(turnContext, command, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        var caseRead = ReadCaseAhead(command, turnContext.Activity, cancellationToken);
        var result = await lifecycle.ActAsync(command, turnContext.Activity.From, ActivityTenant.Of(turnContext.Activity), cancellationToken).ConfigureAwait(false);
        Signal(turnContext, result.Refusal);
        var card = await CardForAsync(result, caseRead, language, cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            await turnContext.SendActivityAsync(cards.Refused(result.Refusal ?? CaseRefusals.UnknownCase, language), cancellationToken).ConfigureAwait(false);
            return;
        }

        var message = CardAttachments.ToMessage(card, result.Case!.CaseNumber);
        if (command.Verb != CaseCommand.Open && !string.IsNullOrEmpty(turnContext.Activity.ReplyToId) && await ClickedCard.TryReplaceAsync(turnContext, message, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await turnContext.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"mina ärenden" from an adviser: unassigned cases and their own, one page (from 0) at a time.</summary>
    public async Task<IMessageActivity> QueueAsync(AdviserContact adviser, UserLanguage language, CancellationToken cancellationToken) =>
        await QueueAsync(adviser, language, page: 0, cancellationToken).ConfigureAwait(false);

    /// <summary>A page of the queue: <paramref name="page"/> is the paging button's value (anything unreadable is the first page).</summary>
    public async Task<IMessageActivity> QueueAsync(AdviserContact adviser, UserLanguage language, string? page, CancellationToken cancellationToken) =>
        await QueueAsync(adviser, language, int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0, cancellationToken).ConfigureAwait(false);

    private async Task<IMessageActivity> QueueAsync(AdviserContact adviser, UserLanguage language, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adviser);
        var open = await escalations.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        return cards.Queue(open, adviser.Key, language, page);
    }

    public bool IsAdviser(ChannelAccount? account, string? tenantId) => contacts.AdviserFor(account, tenantId) is not null;

    public AdviserContact? AdviserFor(ChannelAccount? account, string? tenantId) => contacts.AdviserFor(account, tenantId);

    private async Task AddInformationAsync(ITurnContext turnContext, CaseCommand command, UserLanguage language, CancellationToken cancellationToken)
    {
        var result = await lifecycle.AddInformationAsync(turnContext.Activity.From, command.CaseNumber, command.Information, cancellationToken).ConfigureAwait(false);
        Signal(turnContext, result.Refusal);
        IMessageActivity reply = result.Refusal is { } refusal
            ? cards.Refused(refusal, language)
            : cards.Sent(contacts.AdviserName(result.Case!.Status == EscalationStatus.Taken ? result.Case.AssignedAdviser : result.Case.PrimaryAdviser), language);
        await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells the host's rate limiter about refusals that only a forged or foreign click produces (a person who is not an
    /// adviser, a case or action that does not exist, a transition the card never offers); honest mistakes (a stale card,
    /// a missing note) are not counted against anyone.
    /// </summary>
    private static void Signal(ITurnContext turnContext, string? refusal)
    {
        if (refusal is CaseRefusals.NotAdviser or CaseRefusals.UnknownCase or CaseRefusals.UnknownAction or CaseRefusals.NotAllowed or CaseRefusals.NotEscalated)
        {
            TurnSignals.Refused(turnContext, refusal);
        }
    }

    /// <summary>
    /// An adviser's click reads the case (for the card) while the lifecycle reads and changes the escalation: one round
    /// trip instead of two after each other. Nobody else's click costs a read.
    /// </summary>
    private Task<CaseRecord?>? ReadCaseAhead(CaseCommand command, Activity activity, CancellationToken cancellationToken) =>
        contacts.AdviserFor(activity.From, ActivityTenant.Of(activity)) is not null
        && OrganisationKeys.IsValidKey(command.OrganisationKey) && CaseCommand.IsCaseNumber(command.CaseNumber)
            ? cases.GetAsync(command.OrganisationKey!, command.CaseNumber!, cancellationToken)
            : null;

    /// <summary>The adviser's card for the result, with the refusal above it; null when there is no case the actor may see.</summary>
    private async Task<JsonObject?> CardForAsync(CaseActionResult result, Task<CaseRecord?>? caseRead, UserLanguage language, CancellationToken cancellationToken)
    {
        var readAhead = caseRead is null ? null : await caseRead.ConfigureAwait(false);
        if (result.Case is null)
        {
            return null;
        }

        var record = readAhead is not null && readAhead.OrganisationKey == result.Case.OrganisationKey && readAhead.CaseNumber == result.Case.CaseNumber
            ? readAhead
            : await cases.GetAsync(result.Case.OrganisationKey, result.Case.CaseNumber, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var notice = result.Refusal is { } refusal ? cards.RefusalText(refusal, language) : null;
        return cards.AdviserCaseCard(record, result.Case, language, notice: notice);
    }
}

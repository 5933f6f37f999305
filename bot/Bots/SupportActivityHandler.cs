using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using SupportBot.Storage.ConversationReferences;
using SupportBot.Bot.Telemetry;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Bot.Bots;

/// <summary>
/// The Teams activity handler: greets once per conversation, hands messages to the router, and saves the
/// conversation state once at the end of the turn (one read, at most one write).
/// </summary>
public sealed class SupportActivityHandler(
    ConversationState conversationState,
    HelpCards helpCards,
    MessageRouter router,
    ChecklistDesk checklists,
    IConversationReferenceRepository references,
    TimeProvider time,
    SupportBotMetrics? metrics = null) : TeamsActivityHandler
{
    /// <summary>A reference is written when it changes; an unchanged one is still rewritten weekly, in case its row was lost.</summary>
    private static readonly TimeSpan s_referenceRefresh = TimeSpan.FromDays(7);

    /// <summary>When the chat was last used, to the hour: retention counts in days, and a turn that changes nothing else then writes no state.</summary>
    private static readonly TimeSpan s_activityResolution = TimeSpan.FromHours(1);

    private readonly IStatePropertyAccessor<ConversationData> _conversationData =
        conversationState.CreateProperty<ConversationData>(nameof(ConversationData));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        metrics?.TurnStarted(turnContext.Activity.Type);
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (ErasureDesk.WasErased(turnContext))
        {
            // The person just had their data erased: store nothing about them again in this turn (no reference, no
            // share target). A group chat's shared state still saves, without their entries.
            await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RememberPersonalChatAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (turnContext.Activity.Conversation?.ConversationType is "groupChat" or "channel")
        {
            // A group chat or channel this person can later share checklists to.
            var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
            await checklists.RememberConversationAsync(turnContext, data, cancellationToken).ConfigureAwait(false);
        }

        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (data.LastActivityAt is not { } last || now - last >= s_activityResolution)
        {
            data.LastActivityAt = now;
        }

        var dialogBefore = data.Dialog;

        await router.RouteAsync(turnContext, data, cancellationToken).ConfigureAwait(false);

        // The dialog engine starts a flow by giving the conversation a new dialog state (also on "börja om").
        if (data.Dialog is { FlowId: TriageCompletion.TriageFlowId } dialog && !ReferenceEquals(dialog, dialogBefore))
        {
            metrics?.TriageStarted();
        }
    }

    /// <summary>
    /// An invoke this bot does not handle (a name it never registered for) is the sender's mistake: 400, where the SDK
    /// answers 501, a 5xx that reads as the bot failing.
    /// </summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var response = await base.OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
        return response is { Status: StatusCodes.Status501NotImplemented } ? new InvokeResponse { Status = StatusCodes.Status400BadRequest } : response;
    }

    /// <summary>
    /// An Action.Execute (Universal Actions): the router dispatches it like an Action.Submit, by its verb, and the answer is
    /// the card as it now is, which Teams shows in place of the one clicked.
    /// </summary>
    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var verb = invokeValue?.Action?.Verb;
        var cardData = invokeValue?.Action?.Data;
        ConversationData data;
        UserLanguage language;
        if (CaseCommand.IsCaseVerb(verb) && CardLanguage(cardData) is { } shown)
        {
            // A case card's button is answered from the card and the case alone, in the language the card was shown
            // in: the conversation's state is not read (nothing here uses it, and the turn writes none).
            (data, language) = (new ConversationData(), shown);
        }
        else
        {
            data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
            language = data.LanguageFor(turnContext.Activity.From?.Id, (turnContext.Activity as Activity)?.Locale);
        }

        var card = await router.ExecuteAsync(turnContext, data, verb, cardData, language, cancellationToken).ConfigureAwait(false);
        return new AdaptiveCardInvokeResponse
        {
            StatusCode = 200,
            Type = CardAttachments.AdaptiveCardContentType,
            Value = CardAttachments.ToJObject(card),
        };
    }

    /// <summary>The language a case card was shown in (its buttons' <c>lang</c>); null on older cards and anything else.</summary>
    private static UserLanguage? CardLanguage(object? cardData) =>
        (cardData as JObject)?["lang"] is JValue { Type: JTokenType.String } lang
            ? (string?)lang switch
            {
                "sv" => UserLanguage.Swedish,
                "en" => UserLanguage.English,
                _ => null,
            }
            : null;

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var botId = turnContext.Activity.Recipient?.Id;
        var isPersonal = string.Equals(turnContext.Activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(turnContext.Activity.Conversation?.ConversationType);

        // Personal chat: greet once, whoever the event names (Teams names the bot when the app is installed,
        // the Playground names the user). Group chat or team: greet once, when the bot itself is added,
        // rather than every member who joins. installationUpdate arrives at the same moment and does not
        // greet: two greetings would race, and its locale can differ from the conversation's.
        var shouldGreet = isPersonal
            ? membersAdded.Count > 0
            : membersAdded.Any(m => m.Id == botId);
        if (shouldGreet)
        {
            await WelcomeOnceAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// installationUpdate carries the person's locale (conversationUpdate in Teams does not): remember its language for
    /// them, so the first answers are in it. It does not greet (conversationUpdate does, at the same moment).
    /// </summary>
    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
        data.RememberLocale(turnContext.Activity.From?.Id, (turnContext.Activity as Activity)?.Locale);
    }

    /// <summary>
    /// The SDK's Teams dispatch fetches each new member's roster entry from the connector before calling
    /// OnMembersAdded. A greeting needs no member details, so skip that network round trip (it also fails
    /// whenever the connector cannot be reached).
    /// </summary>
    protected override Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        OnMembersAddedAsync(membersAdded, turnContext, cancellationToken);

    /// <summary>
    /// Stores how to reach this person 1:1 (for adviser notifications and case updates) when it changed (a moved service
    /// URL, a new conversation) and otherwise at most weekly, so ordinary turns still cost one state read and one state write.
    /// </summary>
    private async Task RememberPersonalChatAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var isPersonal = string.Equals(activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
        if (!isPersonal || activity.Type is not (ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate))
        {
            return;
        }

        var personId = !string.IsNullOrEmpty(activity.From?.AadObjectId) ? activity.From.AadObjectId : activity.From?.Id;
        if (string.IsNullOrEmpty(personId) || personId == activity.Recipient?.Id)
        {
            return;
        }

        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var fingerprint = SupportBot.Storage.Tables.KeyHash.Of(string.Join('\n', personId, activity.ServiceUrl, activity.Conversation?.Id, activity.Conversation?.TenantId, activity.Recipient?.Id));
        if (data.ReferenceSavedAt is { } saved && now - saved < s_referenceRefresh && data.ReferenceFingerprint == fingerprint)
        {
            return;
        }

        await references.SaveAsync(personId, activity.GetConversationReference(), cancellationToken).ConfigureAwait(false);
        data.ReferenceSavedAt = now;
        data.ReferenceFingerprint = fingerprint;
    }

    private async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
        if (data.WelcomeShown)
        {
            return;
        }

        data.WelcomeShown = true;
        var language = data.LanguageFor(turnContext.Activity.From?.Id, turnContext.Activity.Locale);
        await turnContext.SendActivityAsync(helpCards.Welcome(language), cancellationToken).ConfigureAwait(false);
    }
}

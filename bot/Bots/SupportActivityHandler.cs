using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Bot.Bots;

/// <summary>
/// The Teams activity handler: greets once per conversation, hands messages to the router, and saves the
/// conversation state once at the end of the turn (one read, at most one write).
/// </summary>
public sealed class SupportActivityHandler(
    ConversationState conversationState,
    HelpCards helpCards,
    MessageRouter router,
    TimeProvider time) : TeamsActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationData> _conversationData =
        conversationState.CreateProperty<ConversationData>(nameof(ConversationData));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
        data.LastActivityAt = time.GetUtcNow();

        await router.RouteAsync(turnContext, data, cancellationToken).ConfigureAwait(false);
    }

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
    /// The SDK's Teams dispatch fetches each new member's roster entry from the connector before calling
    /// OnMembersAdded. A greeting needs no member details, so skip that network round trip (it also fails
    /// whenever the connector cannot be reached).
    /// </summary>
    protected override Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        OnMembersAddedAsync(membersAdded, turnContext, cancellationToken);

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

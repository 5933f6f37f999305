using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace SupportBot.LoadTool;

/// <summary>
/// The SDK floor's bot: reads conversation state, counts the turn, echoes the text and saves state — the least a
/// stateful Bot Framework turn does. Never registered by the bot's own composition.
/// </summary>
public sealed class EchoBot(ConversationState conversationState) : ActivityHandler
{
    private readonly IStatePropertyAccessor<EchoCount> _count = conversationState.CreateProperty<EchoCount>(nameof(EchoCount));

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var count = await _count.GetAsync(turnContext, () => new EchoCount(), cancellationToken);
        count.Turns++;
        await turnContext.SendActivityAsync(MessageFactory.Text($"echo {count.Turns}: {turnContext.Activity.Text}"), cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }
}

/// <summary>The echo bot's conversation state.</summary>
public sealed class EchoCount
{
    public int Turns { get; set; }
}

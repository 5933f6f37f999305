using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace SupportBot.Dialogs.Cards;

/// <summary>The card a person clicked (an Action.Submit), replaced in place where the client allows it.</summary>
public static class ClickedCard
{
    /// <summary>True when the clicked message now shows <paramref name="message"/>; false (and no id set) when it must be sent anew.</summary>
    public static async Task<bool> TryReplaceAsync(ITurnContext turnContext, IMessageActivity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(message);
        message.Id = turnContext.Activity.ReplyToId;
        try
        {
            await turnContext.UpdateActivityAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is ErrorResponseException or NotSupportedException or HttpRequestException)
        {
            // The client cannot update that message (or it is gone): send the card as a new message instead.
            message.Id = null;
            return false;
        }
    }
}

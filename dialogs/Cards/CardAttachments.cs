using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace SupportBot.Dialogs.Cards;

/// <summary>Wraps an expanded Adaptive Card (System.Text.Json) as a Bot Framework attachment (Newtonsoft).</summary>
public static class CardAttachments
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static Attachment FromCard(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new Attachment
        {
            ContentType = AdaptiveCardContentType,
            Content = JObject.Parse(card.ToJsonString()),
        };
    }

    /// <summary>A message activity carrying one card, with a plain-text fallback for clients without cards.</summary>
    public static IMessageActivity ToMessage(JsonObject card, string fallbackText)
    {
        var activity = MessageFactory.Attachment(FromCard(card));
        activity.Summary = fallbackText;
        return activity;
    }
}

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
            Content = ToJObject(card),
        };
    }

    /// <summary>
    /// The card as the SDK's Newtonsoft object, copied node by node: no JSON text written and parsed again on every
    /// turn. Strings stay strings (a parse would turn date-like text into dates).
    /// </summary>
    public static JObject ToJObject(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return (JObject)ToToken(card);
    }

    private static JToken ToToken(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JValue.CreateNull();
            case JsonObject obj:
                var result = new JObject();
                foreach (var (name, value) in obj)
                {
                    result.Add(name, ToToken(value));
                }

                return result;
            case JsonArray array:
                var list = new JArray();
                foreach (var item in array)
                {
                    list.Add(ToToken(item));
                }

                return list;
            default:
                var scalar = node.AsValue();
                return scalar.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.String => new JValue(scalar.GetValue<string>()),
                    System.Text.Json.JsonValueKind.True => new JValue(true),
                    System.Text.Json.JsonValueKind.False => new JValue(false),
                    System.Text.Json.JsonValueKind.Number => Number(scalar),
                    _ => JValue.CreateNull(),
                };
        }
    }

    /// <summary>Whole numbers as 64-bit integers and the rest as doubles, as a parse of the same JSON gives them.</summary>
    private static JValue Number(JsonValue value)
    {
        var text = value.ToJsonString();
        return long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var whole)
            ? new JValue(whole)
            : new JValue(double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A message activity carrying one card, with a plain-text fallback for clients without cards.</summary>
    public static IMessageActivity ToMessage(JsonObject card, string fallbackText)
    {
        var activity = MessageFactory.Attachment(FromCard(card));
        activity.Summary = fallbackText;
        return activity;
    }
}

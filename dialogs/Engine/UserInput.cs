using Newtonsoft.Json.Linq;

namespace SupportBot.Dialogs.Engine;

/// <summary>What the user gave this turn: typed text, or a card submit (<c>verb</c>, <c>step</c>, <c>value</c>).</summary>
public sealed record UserInput(string? Text, string? Verb, string? StepId, string? Value)
{
    /// <summary>The verb of a card submit that named none (or not as a string): a malformed card, answered with the help card.</summary>
    public const string MissingVerb = "unknown";

    public bool IsCardSubmit => Verb is not null;

    public static UserInput FromText(string? text) => new(text, null, null, null);

    /// <summary>Reads an Action.Submit payload; anything unexpected becomes an input with no usable value.</summary>
    public static UserInput FromCardValue(object? value)
    {
        var data = value switch
        {
            JObject obj => obj,
            string s when s.TrimStart().StartsWith('{') => TryParse(s),
            _ => null,
        };
        if (data is null)
        {
            return new UserInput(null, MissingVerb, null, null);
        }

        return new UserInput(
            null,
            AsString(data["verb"]) ?? MissingVerb,
            AsString(data["step"]),
            AsString(data["value"]));
    }

    private static string? AsString(JToken? token) =>
        token?.Type is JTokenType.String or JTokenType.Integer or JTokenType.Boolean ? token.ToString() : null;

    private static JObject? TryParse(string json)
    {
        try
        {
            return JObject.Parse(json);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }
}

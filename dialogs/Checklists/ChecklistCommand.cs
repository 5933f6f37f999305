using Newtonsoft.Json.Linq;

namespace SupportBot.Dialogs.Checklists;

/// <summary>
/// A checklist card's button (Action.Execute's verb and data, or the Action.Submit fallback's data):
/// <c>{ "verb": "checklist.save", "checklist": "public-meetings", "shown": "pm-venue", "tick.pm-venue": "true", ... }</c>.
/// "shown" lists the items the card showed ticked, so a save applies only what the person changed on that card.
/// Anything malformed parses to a command the desk refuses; nothing here throws on client input.
/// </summary>
public sealed record ChecklistCommand(string Verb, string? ChecklistId, IReadOnlySet<string> Shown, IReadOnlyDictionary<string, bool> Toggles, string? Target)
{
    public const string Prefix = "checklist.";
    public const string Open = "checklist.open";
    public const string Save = "checklist.save";
    public const string Reset = "checklist.reset";
    public const string Share = "checklist.share";

    /// <summary>Card inputs for items are named "tick.ITEM-ID", apart from the data's own keys.</summary>
    public const string TickPrefix = "tick.";

    /// <summary>More is not a checklist card (the longest has fewer than 20 items): ignore the rest.</summary>
    private const int MaxToggles = 100;

    public static bool IsChecklistVerb(string? verb) => verb is not null && verb.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Reads the card's data; <paramref name="verb"/> overrides the data's verb (Action.Execute carries it outside the data).</summary>
    public static ChecklistCommand FromCardData(object? data, string? verb = null)
    {
        var obj = data switch
        {
            JObject o => o,
            string s when s.TrimStart().StartsWith('{') => TryParse(s),
            _ => null,
        } ?? new JObject();
        var toggles = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var property in obj.Properties().Where(p => p.Name.StartsWith(TickPrefix, StringComparison.Ordinal)).Take(MaxToggles))
        {
            // Input.Toggle sends its valueOn/valueOff ("true"/"false"); anything else counts as not ticked.
            toggles[property.Name[TickPrefix.Length..]] = property.Value.Type switch
            {
                JTokenType.Boolean => property.Value.Value<bool>(),
                JTokenType.String => string.Equals(property.Value.Value<string>(), "true", StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
        }

        var shown = (Text(obj["shown"]) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(MaxToggles)
            .ToHashSet(StringComparer.Ordinal);
        return new ChecklistCommand((verb ?? Text(obj["verb"]) ?? string.Empty).Trim(), Text(obj["checklist"])?.Trim(), shown, toggles, Text(obj["target"])?.Trim());
    }

    private static string? Text(JToken? token) => token?.Type == JTokenType.String ? token.ToString() : null;

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

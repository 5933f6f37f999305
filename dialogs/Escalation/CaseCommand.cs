using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// An action on an escalated case from a card (Action.Execute's verb and data, or the Action.Submit fallback's data):
/// <c>{ "verb": "case.take", "org": "...", "case": "HH-2026-0001", "version": 3, "note": "..." }</c>.
/// Anything malformed parses to a command that the lifecycle refuses; nothing here throws on client input.
/// </summary>
public sealed partial record CaseCommand(string Verb, string? OrganisationKey, string? CaseNumber, int? Version, string? Note, string? Information)
{
    public const string Take = "case.take";
    public const string Close = "case.close";
    public const string Handover = "case.handover";
    public const string Reopen = "case.reopen";
    public const string Open = "case.open";
    public const string AddInformation = "case.addinfo";

    public const int MaxNoteLength = 1000;

    public static bool IsCaseVerb(string? verb) => verb is Take or Close or Handover or Reopen or Open or AddInformation;

    public bool IsChange => Verb is Take or Close or Handover or Reopen;

    /// <summary>
    /// A case number as the bot gives them: HH-2026-1480-0042 (year, SCB code, number within the organisation) or the
    /// older national HH-2026-0042. Anything else never reaches storage as a key.
    /// </summary>
    public static bool IsCaseNumber(string? value) => value is not null && CaseNumberPattern().IsMatch(value);

    /// <summary>Reads the card's data; <paramref name="verb"/> overrides the data's verb (Action.Execute carries it outside the data).</summary>
    public static CaseCommand FromCardData(object? data, string? verb = null)
    {
        var obj = data switch
        {
            JObject o => o,
            string s when s.TrimStart().StartsWith('{') => TryParse(s),
            _ => null,
        } ?? new JObject();
        var caseNumber = Text(obj["case"]);
        return new CaseCommand(
            (verb ?? Text(obj["verb"]) ?? string.Empty).Trim(),
            Text(obj["org"]),
            IsCaseNumber(caseNumber) ? caseNumber : null,
            ParseVersion(obj["version"]),
            Text(obj["note"])?.Trim(),
            Text(obj["info"])?.Trim());
    }

    /// <summary>A whole number that fits an int, as a JSON number or text; anything else (too large, a fraction, not a number) is null.</summary>
    private static int? ParseVersion(JToken? token) =>
        token is JValue { Type: JTokenType.Integer or JTokenType.String } value
        && int.TryParse(Convert.ToString(value.Value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    private static string? Text(JToken? token) =>
        token?.Type is JTokenType.String or JTokenType.Integer ? token.ToString() : null;

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

    [GeneratedRegex(@"^HH-\d{4}(?:-\d{2}|-\d{4})?-\d{4,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumberPattern();
}

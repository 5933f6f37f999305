using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Dialogs.Localization;

/// <summary>
/// Every user-facing string, read from <c>content/strings.{sv,en}.json</c> (embedded), so that texts are
/// reviewed as content and never live in C#. Loaded once; callers get copies they may change.
/// The support organisation is never named in the texts: <c>{org}</c> and <c>{orgFormerly}</c> are filled from
/// configuration (<see cref="WithOrganisation"/>), by default the content file's: SKR, shown as SKR (tidigare SKL).
/// </summary>
public sealed class TextCatalog
{
    private static readonly Lazy<TextCatalog> s_default = new(Load);
    private static readonly Lazy<JsonObject> s_organisationDefaults = new(() => ContentFiles.ReadObject("support-organisation.json"));
    private readonly JsonObject _rawSwedish;
    private readonly JsonObject _rawEnglish;
    private readonly JsonObject _swedish;
    private readonly JsonObject _english;

    /// <param name="name">The support organisation's name; null = the content file's default (SKR).</param>
    /// <param name="formerName">Its former name; null = the content file's default (SKL), empty = none.</param>
    internal TextCatalog(JsonObject swedish, JsonObject english, string? name = null, string? formerName = null)
    {
        _rawSwedish = swedish;
        _rawEnglish = english;
        var defaults = s_organisationDefaults.Value;
        name ??= defaults["name"]!.GetValue<string>();
        formerName ??= defaults["formerName"]!.GetValue<string>();
        OrganisationName = name;
        FormerName = formerName;
        _swedish = Fill(swedish, name, NameWithFormer(swedish, name, formerName));
        _english = Fill(english, name, NameWithFormer(english, name, formerName));
    }

    public static TextCatalog Default => s_default.Value;

    /// <summary>The support organisation's name as the texts show it (configuration, default SKR).</summary>
    public string OrganisationName { get; }

    public string? FormerName { get; }

    /// <summary>A copy naming the support organisation as configured (Support:Switchboard:Name and FormerName).</summary>
    public TextCatalog WithOrganisation(string name, string? formerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new TextCatalog(_rawSwedish, _rawEnglish, name.Trim(), formerName?.Trim());
    }

    /// <summary>The name with its former one in brackets (Swedish: SKR (tidigare SKL)) where the 2018 name helps recognition; just the name without a former one.</summary>
    public string NameWithFormer(UserLanguage language) =>
        NameWithFormer(language == UserLanguage.English ? _rawEnglish : _rawSwedish, OrganisationName, FormerName);

    private static string NameWithFormer(JsonObject raw, string name, string? formerName) =>
        string.IsNullOrWhiteSpace(formerName) || string.Equals(formerName, name, StringComparison.Ordinal)
            ? name
            : raw["supportOrganisation"]!["withFormer"]!.GetValue<string>()
                .Replace("{name}", name, StringComparison.Ordinal)
                .Replace("{former}", formerName, StringComparison.Ordinal);

    /// <summary>A copy of the whole catalog for one language, e.g. as card data.</summary>
    public JsonObject For(UserLanguage language) => (JsonObject)Root(language).DeepClone();

    /// <summary>The string at a dotted path such as <c>errors.apology</c>.</summary>
    public string Get(UserLanguage language, string path)
    {
        JsonNode? node = Root(language);
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node?.GetValue<string>() ?? throw new KeyNotFoundException($"No text '{path}' for {language}.");
    }

    /// <summary>Fills the organisation placeholders in a text that does not come from this catalog (e.g. guidance.json).</summary>
    public string FillOrganisation(string text, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("{orgFormerly}", NameWithFormer(language), StringComparison.Ordinal)
            .Replace("{org}", OrganisationName, StringComparison.Ordinal);
    }

    internal JsonObject Root(UserLanguage language) => language == UserLanguage.English ? _english : _swedish;

    private static JsonObject Fill(JsonObject raw, string name, string withFormer)
    {
        var copy = (JsonObject)raw.DeepClone();
        FillNode(copy, name, withFormer);
        return copy;
    }

    private static void FillNode(JsonNode? node, string name, string withFormer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        obj[key] = Replace(value.GetValue<string>(), name, withFormer);
                    }
                    else
                    {
                        FillNode(obj[key], name, withFormer);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        array[i] = Replace(value.GetValue<string>(), name, withFormer);
                    }
                    else
                    {
                        FillNode(array[i], name, withFormer);
                    }
                }

                break;
        }
    }

    private static string Replace(string text, string name, string withFormer) =>
        text.Replace("{orgFormerly}", withFormer, StringComparison.Ordinal).Replace("{org}", name, StringComparison.Ordinal);

    private static TextCatalog Load() => new(ContentFiles.ReadObject("strings.sv.json"), ContentFiles.ReadObject("strings.en.json"));
}

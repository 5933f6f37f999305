using System.Text.Json.Nodes;

namespace SupportBot.Dialogs.Localization;

/// <summary>
/// Every user-facing string, read from <c>content/strings.{sv,en}.json</c> (embedded), so that texts are
/// reviewed as content and never live in C#. Loaded once; callers get copies they may change.
/// </summary>
public sealed class TextCatalog
{
    private static readonly Lazy<TextCatalog> s_default = new(Load);
    private readonly JsonObject _swedish;
    private readonly JsonObject _english;

    internal TextCatalog(JsonObject swedish, JsonObject english)
    {
        _swedish = swedish;
        _english = english;
    }

    public static TextCatalog Default => s_default.Value;

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

    internal JsonObject Root(UserLanguage language) => language == UserLanguage.English ? _english : _swedish;

    private static TextCatalog Load() => new(ContentFiles.ReadObject("strings.sv.json"), ContentFiles.ReadObject("strings.en.json"));
}

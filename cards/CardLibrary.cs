using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace SupportBot.Cards;

/// <summary>
/// The card templates embedded in this assembly, parsed once at first use and shared (templates are
/// immutable; expansion never changes them).
/// </summary>
public sealed class CardLibrary
{
    private const string ResourcePrefix = "SupportBot.Cards.templates.";
    private static readonly Lazy<CardLibrary> s_default = new(Load);
    private readonly FrozenDictionary<string, CardTemplate> _templates;
    private readonly Action<string, JsonNode?>? _observer;

    internal CardLibrary(IDictionary<string, CardTemplate> templates, Action<string, JsonNode?>? observer = null)
    {
        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
        _observer = observer;
    }

    public static CardLibrary Default => s_default.Value;

    public IEnumerable<string> Names => _templates.Keys;

    public CardTemplate this[string name] => _templates.TryGetValue(name, out var template)
        ? template
        : throw new KeyNotFoundException($"No card template named '{name}'.");

    /// <summary>Expands the named template against <paramref name="data"/>.</summary>
    public JsonObject Render(string name, JsonNode? data)
    {
        _observer?.Invoke(name, data);
        return this[name].Expand(data);
    }

    /// <summary>Test seam: the same templates, reporting every (template, data) pair rendered, so tests can replay them in the official engine.</summary>
    internal CardLibrary WithObserver(Action<string, JsonNode?> observer) => new(_templates, observer);

    private static CardLibrary Load()
    {
        var assembly = typeof(CardLibrary).Assembly;
        var templates = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var node = JsonNode.Parse(stream) ?? throw new InvalidOperationException($"Card template '{name}' is empty.");
            templates[name] = new CardTemplate(name, node);
        }

        return new CardLibrary(templates);
    }
}

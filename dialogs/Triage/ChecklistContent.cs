using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Engine;

namespace SupportBot.Dialogs.Triage;

/// <summary>
/// Guidance checklists from <c>content/checklists.json</c>, and which of them fit a case. Checked when loaded: ids are
/// unique and well-formed (progress is stored by them), every text exists in Swedish and English, and every item has
/// a source with an http(s) URL. A content mistake stops the bot at start-up instead of showing a broken card.
/// </summary>
public sealed partial class ChecklistContent
{
    private const string FileName = "checklists.json";
    private static readonly Lazy<ChecklistContent> s_default = new(() => Parse(ContentFiles.ReadObject(FileName)));

    private ChecklistContent(IReadOnlyList<Checklist> checklists, IReadOnlyList<ChecklistRule> rules)
    {
        Checklists = checklists;
        Rules = rules;
    }

    public static ChecklistContent Default => s_default.Value;

    public IReadOnlyList<Checklist> Checklists { get; }

    public IReadOnlyList<ChecklistRule> Rules { get; }

    /// <summary>The checklist with this id, or null for anything else (ids from cards are client input).</summary>
    public Checklist? Find(string? id) => id is null ? null : Checklists.FirstOrDefault(c => c.Id == id);

    /// <summary>The checklists the first matching rule names, in that order.</summary>
    public IReadOnlyList<Checklist> ForCase(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var rule = Rules.First(r => r.When.All(c =>
            answers.Raw.TryGetValue(c.Key, out var value) && value.Split(',').Any(c.Value.Contains)));
        return rule.Checklists.Select(id => Checklists.First(c => c.Id == id)).ToList();
    }

    /// <summary>Reads and validates checklist content (internal so tests can feed broken content).</summary>
    internal static ChecklistContent Parse(JsonObject json)
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        List<Checklist> checklists;
        List<ChecklistRule> rules;
        try
        {
            checklists = json["checklists"]?.Deserialize<List<Checklist>>(options) ?? [];
            rules = json["forCases"]?.Deserialize<List<ChecklistRule>>(options) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{FileName}: {ex.Message}", ex);
        }

        var problems = Problems(checklists, rules).ToList();
        var itemNodes = (json["checklists"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(c => (c["items"] as JsonArray ?? []).OfType<JsonObject>());
        foreach (var (item, node) in checklists.SelectMany(c => c.Items ?? []).Zip(itemNodes))
        {
            item.Stamp = ContentStamps.Read(node, FileName, "item", item.Id, problems);
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{FileName}: " + string.Join(" ", problems));
        }

        return new ChecklistContent(checklists, rules);
    }

    private static IEnumerable<string> Problems(List<Checklist> checklists, List<ChecklistRule> rules)
    {
        if (checklists.Count == 0)
        {
            yield return "there are no checklists.";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var checklist in checklists)
        {
            if (!IdPattern().IsMatch(checklist.Id ?? string.Empty) || !ids.Add(checklist.Id!))
            {
                yield return $"checklist id '{checklist.Id}' is missing, malformed or used twice.";
            }

            if (IsBlank(checklist.Title?.Sv) || IsBlank(checklist.Title?.En))
            {
                yield return $"checklist '{checklist.Id}' needs a title in Swedish and English.";
            }

            if (checklist.Items is null || checklist.Items.Count == 0)
            {
                yield return $"checklist '{checklist.Id}' has no items.";
                continue;
            }

            foreach (var item in checklist.Items)
            {
                // Item ids are unique across all checklists, so an id always means the same advice.
                if (!IdPattern().IsMatch(item.Id ?? string.Empty) || !ids.Add(item.Id!))
                {
                    yield return $"item id '{item.Id}' in '{checklist.Id}' is missing, malformed or used twice.";
                }

                if (IsBlank(item.Sv) || IsBlank(item.En))
                {
                    yield return $"item '{item.Id}' needs a text in Swedish and English.";
                }

                if (IsBlank(item.Source?.Name) || !Uri.TryCreate(item.Source?.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                {
                    yield return $"item '{item.Id}' needs a source with a name and an http(s) URL.";
                }
            }
        }

        if (rules.Count == 0 || rules[^1].When.Count != 0)
        {
            yield return "the last forCases rule must match every case.";
        }

        foreach (var unknown in rules.SelectMany(r => r.Checklists ?? []).Where(id => checklists.All(c => c.Id != id)).Distinct())
        {
            yield return $"a forCases rule names the unknown checklist '{unknown}'.";
        }
    }

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    /// <summary>Lower-case words joined by hyphens: safe in a row key, a card input id and a comma-separated list.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

public sealed class Checklist
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required IReadOnlyList<ChecklistItem> Items { get; init; }

    public ChecklistItem? Item(string? id) => id is null ? null : Items.FirstOrDefault(i => i.Id == id);
}

/// <summary>One thing to do, in both languages, with where the advice comes from.</summary>
public sealed class ChecklistItem
{
    public required string Id { get; init; }

    public required string Sv { get; init; }

    public required string En { get; init; }

    public required GuidanceSource Source { get; init; }

    /// <summary>Version, review date and change note (read from the same object, checked when loaded).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ContentStamp Stamp { get; internal set; } = ContentStamp.Unknown;

    public string For(Localization.UserLanguage language) => language == Localization.UserLanguage.English ? En : Sv;
}

public sealed class ChecklistRule
{
    public Dictionary<string, List<string>> When { get; init; } = [];

    public required IReadOnlyList<string> Checklists { get; init; }
}

using System.Text.Json;
using SupportBot.Dialogs.Engine;

namespace SupportBot.Dialogs.Triage;

/// <summary>Guidance checklists from <c>content/checklists.json</c>, and which of them fit a case.</summary>
public sealed class ChecklistContent
{
    private static readonly Lazy<ChecklistContent> s_default = new(Load);

    private ChecklistContent(IReadOnlyList<Checklist> checklists, IReadOnlyList<ChecklistRule> rules)
    {
        Checklists = checklists;
        Rules = rules;
    }

    public static ChecklistContent Default => s_default.Value;

    public IReadOnlyList<Checklist> Checklists { get; }

    public IReadOnlyList<ChecklistRule> Rules { get; }

    /// <summary>The checklists the first matching rule names, in that order.</summary>
    public IReadOnlyList<Checklist> ForCase(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var rule = Rules.First(r => r.When.All(c =>
            answers.Raw.TryGetValue(c.Key, out var value) && value.Split(',').Any(c.Value.Contains)));
        return rule.Checklists.Select(id => Checklists.First(c => c.Id == id)).ToList();
    }

    private static ChecklistContent Load()
    {
        var json = ContentFiles.ReadObject("checklists.json");
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var checklists = json["checklists"]!.Deserialize<List<Checklist>>(options)!;
        var rules = json["forCases"]!.Deserialize<List<ChecklistRule>>(options)!;
        var unknown = rules.SelectMany(r => r.Checklists).Where(id => checklists.All(c => c.Id != id)).ToList();
        if (unknown.Count > 0 || rules.Count == 0 || rules[^1].When.Count != 0)
        {
            throw new InvalidDataException("checklists.json: every rule must name known checklists, and the last rule must match every case.");
        }

        return new ChecklistContent(checklists, rules);
    }
}

public sealed class Checklist
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required GuidanceSource Source { get; init; }

    public required IReadOnlyList<LocalizedText> Items { get; init; }
}

public sealed class ChecklistRule
{
    public Dictionary<string, List<string>> When { get; init; } = [];

    public required IReadOnlyList<string> Checklists { get; init; }
}

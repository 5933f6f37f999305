using System.Text.Json;
using SupportBot.Dialogs.Engine;

namespace SupportBot.Dialogs.Triage;

/// <summary>
/// Decides urgency from triage answers with the rules of <c>content/urgency.json</c> (each with why it exists and its
/// source). A pure function of the answers, so every rule is covered by a table-driven test.
/// </summary>
public static class UrgencyClassifier
{
    private static readonly JsonSerializerOptions s_options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly Lazy<IReadOnlyList<UrgencyRule>> s_rules = new(() => Load(ContentFiles.ReadObject("urgency.json")));

    /// <summary>The rules in the order they are read (the first that holds decides).</summary>
    public static IReadOnlyList<UrgencyRule> Rules => s_rules.Value;

    public static Urgency Classify(TriageAnswers answers) => RuleFor(answers).Urgency;

    /// <summary>The rule that decides, so a card or a test can say why.</summary>
    public static UrgencyRule RuleFor(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Rules.First(rule => rule.Holds(answers));
    }

    internal static IReadOnlyList<UrgencyRule> Load(System.Text.Json.Nodes.JsonObject json)
    {
        var rules = json["rules"]?.Deserialize<List<UrgencyRule>>(s_options) ?? [];
        if (rules.Count == 0 || rules[^1].When.Count != 0)
        {
            throw new InvalidDataException("urgency.json: the last rule must match every case.");
        }

        foreach (var rule in rules)
        {
            _ = Urgencies.Parse(rule.UrgencyCode);
        }

        return rules;
    }
}

/// <summary>One urgency rule: when it holds, the urgency, why, and where that comes from.</summary>
public sealed class UrgencyRule
{
    public required string Id { get; init; }

    public Dictionary<string, List<string>> When { get; init; } = [];

    [System.Text.Json.Serialization.JsonPropertyName("urgency")]
    public required string UrgencyCode { get; init; }

    public required LocalizedText Why { get; init; }

    public required GuidanceSource Source { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public Urgency Urgency => Urgencies.Parse(UrgencyCode);

    public bool Holds(TriageAnswers answers) => When.All(condition =>
        answers.Raw.TryGetValue(condition.Key, out var value)
        && value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(condition.Value.Contains));
}

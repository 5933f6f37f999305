using System.Text.Json.Serialization;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>One rule of <c>content/routing.json</c>: when its answers hold, the case goes to <see cref="Adviser"/>.</summary>
public sealed class RoutingRule
{
    /// <summary>The condition key that tests the urgency instead of an answer.</summary>
    public const string UrgencyKey = "urgency";

    /// <summary>A note for reviewers; not shown to anyone.</summary>
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public required string Id { get; init; }

    /// <summary>Step id (or <see cref="UrgencyKey"/>) → accepted values. All must hold; empty = matches every case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> When { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public required string Adviser { get; init; }

    /// <summary>The case is unclear: notify both advisers at once.</summary>
    public bool NotifyBoth { get; init; }

    /// <summary>Why the case goes to <see cref="Adviser"/>, naming the topic; shown on the adviser's card.</summary>
    public required LocalizedText Reason { get; init; }

    [JsonIgnore]
    public bool IsCatchAll => When.Count == 0;

    public bool Matches(TriageAnswers answers, Urgency urgency)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return When.All(condition => condition.Key == UrgencyKey
            ? condition.Value.Contains(urgency.Code(), StringComparer.Ordinal)
            : AnswerValues(answers, condition.Key).Any(value => condition.Value.Contains(value, StringComparer.Ordinal)));
    }

    // Multiple-choice answers are stored comma-separated ("weapons,knows-home").
    private static string[] AnswerValues(TriageAnswers answers, string step) =>
        answers.Raw.TryGetValue(step, out var answer)
            ? answer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}

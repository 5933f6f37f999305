using System.Text.Json.Serialization;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Engine;

/// <summary>A dialog flow as data (e.g. <c>content/triage.json</c>): steps, answer choices and branches.</summary>
public sealed class FlowDefinition
{
    public required string Id { get; init; }

    public required string Start { get; init; }

    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    public StepDefinition Step(string id) =>
        Steps.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"Flow '{Id}' has no step '{id}'.");

    public bool HasStep(string id) => Steps.Any(s => s.Id == id);
}

[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    [JsonStringEnumMemberName("choice")] Choice,
    [JsonStringEnumMemberName("multichoice")] MultiChoice,
    [JsonStringEnumMemberName("yesno")] YesNo,
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("when")] When,
    /// <summary>Choices from the conversation, not the flow file (<see cref="IStepChoiceSource"/>): the organisations of the verified tenant.</summary>
    [JsonStringEnumMemberName("organisation")] Organisation,
}

public sealed class StepDefinition
{
    public required string Id { get; init; }

    public required StepKind Kind { get; init; }

    public required LocalizedText Prompt { get; init; }

    /// <summary>What "hjälp" shows while this question is open.</summary>
    public LocalizedText? Help { get; init; }

    public IReadOnlyList<ChoiceDefinition> Choices { get; init; } = [];

    /// <summary>For text answers: the longest accepted answer, in characters.</summary>
    public int MaxLength { get; init; } = 200;

    /// <summary>May be skipped ("hoppa över"/"skip").</summary>
    public bool Optional { get; init; }

    /// <summary>Answer value → signal the host reacts to, e.g. <c>"yes": "emergency"</c>.</summary>
    public IReadOnlyDictionary<string, string> Signals { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<BranchRule> Next { get; init; } = [];
}

public sealed class ChoiceDefinition
{
    public required string Id { get; init; }

    public required LocalizedText Label { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>In a multiple choice: cannot be combined with other choices (e.g. "none of these").</summary>
    public bool Exclusive { get; init; }
}

public sealed class BranchRule
{
    public BranchCondition? If { get; init; }

    public string? Goto { get; init; }
}

public sealed class BranchCondition
{
    public required string Step { get; init; }

    public IReadOnlyList<string> AnyOf { get; init; } = [];

    /// <summary>True when the answer to <see cref="Step"/> (or any of a multiple choice's values) is in <see cref="AnyOf"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> answers) =>
        answers.TryGetValue(Step, out var answer)
        && answer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(AnyOf.Contains);
}

public sealed class LocalizedText
{
    public required string Sv { get; init; }

    public required string En { get; init; }

    public string For(UserLanguage language) => language == UserLanguage.English ? En : Sv;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Triage;

/// <summary>
/// The guidance shown after a triage, from <c>content/guidance.json</c>: what each urgency means and the
/// ordered actions, each with its source and the answers it applies to.
/// </summary>
public sealed class GuidanceContent
{
    private static readonly Lazy<GuidanceContent> s_default = new(() => Load("guidance.json"));

    private GuidanceContent(IReadOnlyDictionary<string, UrgencyText> urgencies, IReadOnlyList<GuidanceAction> actions, LocalizedText localSupport, LocalizedText officialNote, LocalizedText centralNote)
    {
        CentralNote = centralNote;
        Urgencies = urgencies;
        Actions = actions;
        LocalSupport = localSupport;
        OfficialNote = officialNote;
    }

    public static GuidanceContent Default => s_default.Value;

    public IReadOnlyDictionary<string, UrgencyText> Urgencies { get; }

    public IReadOnlyList<GuidanceAction> Actions { get; }

    public LocalizedText LocalSupport { get; }

    public LocalizedText OfficialNote { get; }

    /// <summary>For a member of parliament or a minister: Säpo's remit, not a municipal case and not the support organisation's.</summary>
    public LocalizedText CentralNote { get; }

    /// <summary>The actions that apply to these answers and this urgency, in content order.</summary>
    public IReadOnlyList<GuidanceAction> ActionsFor(TriageAnswers answers, Urgency urgency)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Actions.Where(a => a.AppliesTo(answers, urgency)).ToList();
    }

    private static GuidanceContent Load(string file)
    {
        var json = ContentFiles.ReadObject(file);
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var urgencies = json["urgencies"]!.Deserialize<Dictionary<string, UrgencyText>>(options)!;
        var actions = json["actions"]!.Deserialize<List<GuidanceAction>>(options)!;
        var problems = new List<string>();
        ContentStamps.CheckIds(actions.Select(a => a.Id), file, "action", problems);
        foreach (var (action, node) in actions.Zip(json["actions"]!.AsArray().OfType<JsonObject>()))
        {
            action.Stamp = ContentStamps.Read(node, file, "action", action.Id, problems);
        }

        ContentStamps.ThrowIfAny(problems, file);
        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            if (!urgencies.ContainsKey(urgency.Code()))
            {
                throw new InvalidDataException($"{file} has no text for urgency {urgency.Code()}.");
            }
        }

        return new GuidanceContent(
            urgencies,
            actions,
            json["localSupport"]!.Deserialize<LocalizedText>(options)!,
            json["officialNote"]!.Deserialize<LocalizedText>(options)!,
            json["centralNote"]!.Deserialize<LocalizedText>(options)!);
    }
}

public sealed class UrgencyText
{
    public required LocalizedText Label { get; init; }

    public required LocalizedText Summary { get; init; }
}

public sealed class GuidanceAction
{
    public required string Id { get; init; }

    /// <summary>Answer (step id, or "urgency") → values; every listed key must match one of its values.</summary>
    public Dictionary<string, List<string>> When { get; init; } = [];

    /// <summary>Answer → values that turn the action off (e.g. no "contact the security officer" for the security officer).</summary>
    public Dictionary<string, List<string>> Unless { get; init; } = [];

    public required LocalizedText Text { get; init; }

    public required GuidanceSource Source { get; init; }

    /// <summary>Version, review date and change note (read from the same object, checked when loaded).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ContentStamp Stamp { get; internal set; } = ContentStamp.Unknown;

    public bool AppliesTo(TriageAnswers answers, Urgency urgency) =>
        When.All(condition => Holds(condition, answers, urgency)) && !Unless.Any(condition => Holds(condition, answers, urgency));

    private static bool Holds(KeyValuePair<string, List<string>> condition, TriageAnswers answers, Urgency urgency)
    {
        if (condition.Key == "urgency")
        {
            return condition.Value.Contains(urgency.Code());
        }

        var answer = answers.Raw.TryGetValue(condition.Key, out var value) ? value : string.Empty;
        return answer.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(condition.Value.Contains);
    }
}

public sealed class GuidanceSource
{
    public required string Name { get; init; }

    public required string Url { get; init; }
}

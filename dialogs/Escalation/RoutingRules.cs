using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// The routing rules of <c>content/routing.json</c>, loaded and validated once, so that a content mistake (a typo in an
/// answer id, an unknown adviser, a missing catch-all) fails at start-up and in the tests, never mid-escalation.
/// </summary>
public sealed class RoutingRules
{
    public const string FileName = "routing.json";

    private static readonly string[] s_topLevelKeys = ["$comment", "backupUrgencies", "backupOf", "cardLine", "rules"];

    // Unknown members and nulls are errors: a misspelt "notifyBoth" or "when" would otherwise silently change the routing.
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    private static readonly Lazy<RoutingRules> s_default = new(() => Load(FileName));

    private RoutingRules(IReadOnlyList<RoutingRule> rules, IReadOnlyList<Urgency> backupUrgencies, IReadOnlyDictionary<string, string> backupOf, RoutingCardLines cardLines)
    {
        Rules = rules;
        BackupUrgencies = backupUrgencies;
        BackupOf = backupOf;
        CardLines = cardLines;
    }

    public static RoutingRules Default => s_default.Value;

    /// <summary>In file order; the first match decides and the last rule matches every case.</summary>
    public IReadOnlyList<RoutingRule> Rules { get; }

    /// <summary>Urgencies for which the other adviser is named as backup.</summary>
    public IReadOnlyList<Urgency> BackupUrgencies { get; }

    /// <summary>Adviser key → the key of that adviser's backup.</summary>
    public IReadOnlyDictionary<string, string> BackupOf { get; }

    public RoutingCardLines CardLines { get; }

    /// <summary>Loads an embedded content file and validates it against the triage flow.</summary>
    public static RoutingRules Load(string fileName) =>
        Parse(ContentFiles.ReadObject(fileName), FlowCatalog.Default[TriageCompletion.TriageFlowId], fileName);

    internal static RoutingRules Parse(JsonObject json, FlowDefinition triage, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(triage);
        var problems = new List<string>();
        problems.AddRange(json.Select(p => p.Key).Where(k => !s_topLevelKeys.Contains(k, StringComparer.Ordinal)).Select(k => $"unknown member '{k}'"));

        List<RoutingRule> rules;
        List<string> backupCodes;
        Dictionary<string, string> backupOf;
        RoutingCardLines? cardLines;
        try
        {
            rules = json["rules"]?.Deserialize<List<RoutingRule>>(s_options) ?? [];
            backupCodes = json["backupUrgencies"]?.Deserialize<List<string>>(s_options) ?? [];
            backupOf = json["backupOf"]?.Deserialize<Dictionary<string, string>>(s_options) ?? [];
            cardLines = json["cardLine"]?.Deserialize<RoutingCardLines>(s_options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }

        problems.AddRange(RuleProblems(rules, triage));
        problems.AddRange(backupCodes.Where(c => !IsUrgencyCode(c)).Select(c => $"backupUrgencies: unknown urgency '{c}'"));
        problems.AddRange(BackupProblems(backupOf));
        problems.AddRange(CardLineProblems(cardLines));
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{source}: {string.Join("; ", problems)}.");
        }

        return new RoutingRules(rules, backupCodes.Select(Urgencies.Parse).ToList(), backupOf, cardLines!);
    }

    private static IEnumerable<string> RuleProblems(List<RoutingRule> rules, FlowDefinition triage)
    {
        if (rules.Count == 0)
        {
            yield return "there are no rules";
            yield break;
        }

        if (!rules[^1].IsCatchAll)
        {
            yield return $"the last rule '{rules[^1].Id}' must have no 'when' so that every case is routed";
        }

        foreach (var rule in rules.Take(rules.Count - 1).Where(r => r.IsCatchAll))
        {
            yield return $"rule '{rule.Id}' matches every case, so the rules after it are never used";
        }

        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"rule id '{duplicate.Key}' is used twice";
        }

        foreach (var rule in rules)
        {
            if (!AdviserKeys.IsKnown(rule.Adviser))
            {
                yield return $"rule '{rule.Id}': unknown adviser '{rule.Adviser}' (known: {string.Join(", ", AdviserKeys.All)})";
            }

            if (string.IsNullOrWhiteSpace(rule.Reason.Sv) || string.IsNullOrWhiteSpace(rule.Reason.En))
            {
                yield return $"rule '{rule.Id}': the reason needs both Swedish and English";
            }

            foreach (var problem in ConditionProblems(rule, triage))
            {
                yield return $"rule '{rule.Id}': {problem}";
            }
        }
    }

    private static IEnumerable<string> ConditionProblems(RoutingRule rule, FlowDefinition triage)
    {
        foreach (var (key, values) in rule.When)
        {
            if (values is null || values.Count == 0)
            {
                yield return $"'{key}' lists no values, so the rule never matches";
                continue;
            }

            var allowed = AllowedValues(key, triage);
            if (allowed is null)
            {
                yield return $"'{key}' is neither 'urgency' nor a triage step with fixed answers";
                continue;
            }

            foreach (var value in values.Where(v => !allowed.Contains(v, StringComparer.Ordinal)))
            {
                yield return $"'{key}' has no answer '{value}' (answers: {string.Join(", ", allowed)})";
            }
        }
    }

    /// <summary>The values a condition on <paramref name="key"/> can test, or null when it cannot be routed on (free text, unknown step).</summary>
    private static List<string>? AllowedValues(string key, FlowDefinition triage)
    {
        if (key == RoutingRule.UrgencyKey)
        {
            return Enum.GetValues<Urgency>().Select(u => u.Code()).ToList();
        }

        if (!triage.HasStep(key))
        {
            return null;
        }

        var step = triage.Step(key);
        return step.Kind switch
        {
            StepKind.YesNo => ["yes", "no"],
            StepKind.Choice or StepKind.MultiChoice or StepKind.When => step.Choices.Select(c => c.Id).ToList(),
            _ => null,
        };
    }

    private static IEnumerable<string> BackupProblems(Dictionary<string, string> backupOf)
    {
        foreach (var key in AdviserKeys.All.Where(k => !backupOf.ContainsKey(k)))
        {
            yield return $"backupOf: no backup for adviser '{key}'";
        }

        foreach (var (key, backup) in backupOf)
        {
            if (!AdviserKeys.IsKnown(key) || !AdviserKeys.IsKnown(backup) || key == backup)
            {
                yield return $"backupOf: '{key}' → '{backup}' must name two different known advisers";
            }
        }
    }

    private static IEnumerable<string> CardLineProblems(RoutingCardLines? lines)
    {
        if (lines is null)
        {
            yield return "cardLine is missing";
            yield break;
        }

        var templates = new (string Name, LocalizedText Text, bool NeedsBackup)[]
        {
            ("primaryOnly", lines.PrimaryOnly, false),
            ("withBackup", lines.WithBackup, true),
            ("both", lines.Both, true),
        };
        foreach (var (name, text, needsBackup) in templates)
        {
            foreach (var template in new[] { text.Sv, text.En })
            {
                if (!template.Contains(RoutingCardLines.PrimaryPlaceholder, StringComparison.Ordinal)
                    || !template.Contains(RoutingCardLines.ReasonPlaceholder, StringComparison.Ordinal)
                    || needsBackup != template.Contains(RoutingCardLines.BackupPlaceholder, StringComparison.Ordinal))
                {
                    yield return $"cardLine.{name} '{template}' must contain {{primary}} and {{reason}}" + (needsBackup ? " and {backup}" : " and not {backup}");
                }
            }
        }
    }

    private static bool IsUrgencyCode(string code) => Enum.GetValues<Urgency>().Any(u => u.Code() == code);
}

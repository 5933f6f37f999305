using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// Decides which adviser an escalated case goes to, from the triage answers and the urgency, by the rules of
/// <c>content/routing.json</c>. Pure: no configuration, no I/O, so every rule is covered by a table-driven test.
/// </summary>
public sealed class EscalationRouter(RoutingRules rules)
{
    private static readonly Lazy<EscalationRouter> s_default = new(() => new EscalationRouter(RoutingRules.Default));

    private readonly RoutingRules _rules = rules ?? throw new ArgumentNullException(nameof(rules));

    public static EscalationRouter Default => s_default.Value;

    public RoutingDecision Route(TriageAnswers answers, Urgency urgency)
    {
        ArgumentNullException.ThrowIfNull(answers);

        // The last rule matches every case (validated on load), so First always finds one.
        var rule = _rules.Rules.First(r => r.Matches(answers, urgency));
        var named = rule.NotifyBoth || _rules.BackupUrgencies.Contains(urgency);
        return new RoutingDecision(rule.Adviser, named ? _rules.BackupOf[rule.Adviser] : null, rule.NotifyBoth, rule.Reason, rule.Id);
    }

    /// <summary>
    /// The routing line of a card, e.g. "Till Greta Berg: hot med våldsmarkörer — trygghet och säkerhet".
    /// An adviser key without a name is shown as the key: a configuration gap must not stop the notification.
    /// </summary>
    public string CardLine(RoutingDecision decision, IReadOnlyDictionary<string, string> adviserNames, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(adviserNames);
        return CardLine(decision, key => adviserNames.TryGetValue(key, out var name) ? name : key, language);
    }

    /// <inheritdoc cref="CardLine(RoutingDecision, IReadOnlyDictionary{string, string}, UserLanguage)"/>
    public string CardLine(RoutingDecision decision, Func<string, string> adviserName, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(adviserName);
        var lines = _rules.CardLines;
        var template = decision.BackupAdviser is null ? lines.PrimaryOnly
            : decision.NotifyBothAtOnce ? lines.Both
            : lines.WithBackup;
        return template.For(language)
            .Replace(RoutingCardLines.PrimaryPlaceholder, NameOf(decision.PrimaryAdviser, adviserName), StringComparison.Ordinal)
            .Replace(RoutingCardLines.BackupPlaceholder, decision.BackupAdviser is null ? string.Empty : NameOf(decision.BackupAdviser, adviserName), StringComparison.Ordinal)
            .Replace(RoutingCardLines.ReasonPlaceholder, decision.Reason.For(language), StringComparison.Ordinal);
    }

    private static string NameOf(string key, Func<string, string> adviserName)
    {
        var name = adviserName(key);
        return string.IsNullOrWhiteSpace(name) ? key : name;
    }
}

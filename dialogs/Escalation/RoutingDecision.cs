using SupportBot.Dialogs.Engine;

namespace SupportBot.Dialogs.Escalation;

/// <summary>Who an escalated case goes to, and why.</summary>
/// <param name="PrimaryAdviser">The routed adviser's key.</param>
/// <param name="BackupAdviser">The other adviser's key when one is named as backup (AKUT, HÖG, or unclear), otherwise null.</param>
/// <param name="NotifyBothAtOnce">Unclear case: the backup is notified at the same time, not only when the primary fails.</param>
/// <param name="Reason">The reason shown on the card, naming the topic.</param>
/// <param name="RuleId">The rule of <c>routing.json</c> that decided, for the audit trail.</param>
public sealed record RoutingDecision(string PrimaryAdviser, string? BackupAdviser, bool NotifyBothAtOnce, LocalizedText Reason, string RuleId)
{
    /// <summary>The advisers to notify when the case is escalated: the primary, and the backup too if the case is unclear.</summary>
    public IReadOnlyList<string> NotifyNow => NotifyBothAtOnce && BackupAdviser is not null
        ? [PrimaryAdviser, BackupAdviser]
        : [PrimaryAdviser];
}

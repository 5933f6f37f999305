using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// Where escalations live (Table Storage in the bot). Saving an escalation and queueing its notifications is
/// one atomic write, so a saved escalation can never lack its notifications (and vice versa).
/// </summary>
public interface IEscalationStore
{
    /// <summary>Saves the escalation and its queued notifications together. False when the case was already escalated.</summary>
    Task<bool> SubmitAsync(EscalationRecord escalation, IReadOnlyList<string> notifyAdvisers, CancellationToken cancellationToken);

    Task<EscalationRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken);
}

/// <summary>An escalated case: who it went to and why, and where it is in its life (Ny → Tagen → Avslutad).</summary>
public sealed record EscalationRecord(
    string CaseNumber,
    string OrganisationKey,
    string PrimaryAdviser,
    string? BackupAdviser,
    string RoutingRuleId,
    string ReasonSv,
    string ReasonEn,
    string ReporterId,
    DateTimeOffset EscalatedAt,
    string Status)
{
    public static EscalationRecord From(CaseRecord record, RoutingDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(decision);
        return new EscalationRecord(
            record.CaseNumber,
            record.OrganisationKey,
            decision.PrimaryAdviser,
            decision.BackupAdviser,
            decision.RuleId,
            decision.Reason.Sv,
            decision.Reason.En,
            record.ReporterId,
            now,
            EscalationStatus.New);
    }
}

public static class EscalationStatus
{
    public const string New = "Ny";
    public const string Taken = "Tagen";
    public const string Closed = "Avslutad";
}

namespace SupportBot.Dialogs.Escalation;

/// <summary>An append-only record of every change to an escalated case and every refused attempt (Table Storage in the bot).</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Who did what, when, and what came of it. <paramref name="Actor"/> is an adviser's key, "system" for the deadline
/// service, or a pseudonym (<see cref="Privacy.Pseudonyms.AuditActor"/>) for anyone else; no names, no free text.
/// <paramref name="OrganisationKey"/> is null when the attempt named no organisation that exists.
/// </summary>
public sealed record AuditEvent(
    string? OrganisationKey,
    string? CaseNumber,
    string Action,
    string Outcome,
    string? Reason,
    string Actor,
    DateTimeOffset At,
    string? FromStatus,
    string? ToStatus);

public static class AuditOutcomes
{
    public const string Accepted = "accepted";
    public const string Refused = "refused";
}

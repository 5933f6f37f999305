using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// Where escalations live (Table Storage in the bot). Every change of an escalation and the notifications it causes
/// are one atomic write, so a saved change can never lack its notifications (and vice versa).
/// </summary>
public interface IEscalationStore
{
    /// <summary>Saves the escalation and its queued notifications together. False when the case was already escalated.</summary>
    Task<bool> SubmitAsync(EscalationRecord escalation, IReadOnlyList<string> notifyAdvisers, CancellationToken cancellationToken);

    Task<EscalationRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the escalation if nobody changed it since it was read (its <see cref="EscalationRecord.ETag"/>) and queues
    /// <paramref name="notices"/> in the same write. False when someone else changed it first; nothing is stored then.
    /// </summary>
    Task<bool> UpdateAsync(EscalationRecord changed, IReadOnlyList<EscalationNotice> notices, CancellationToken cancellationToken);

    /// <summary>Every escalation that is not closed, across organisations (the advisers' queue).</summary>
    Task<IReadOnlyList<EscalationRecord>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Remembers where a card about the case was posted, so that later changes update it in place.</summary>
    Task RecordPostAsync(CardPost post, CancellationToken cancellationToken);
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
    public string OrganisationName { get; init; } = string.Empty;

    /// <summary>The reporter's Microsoft 365 tenant (empty on cases from before organisations came from the tenant).</summary>
    public string TenantId { get; init; } = string.Empty;

    public Urgency Urgency { get; init; } = Urgency.Normal;

    /// <summary>The reporter's language ("sv" or "en") for the messages they get about the case.</summary>
    public string ReporterLanguage { get; init; } = "sv";

    /// <summary>The adviser who holds the case (Tagen, or who closed it).</summary>
    public string? AssignedAdviser { get; init; }

    /// <summary>When an adviser first acted on the case (took, handed over or closed it): the acknowledgement.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset? ChangedAt { get; init; }

    public string? ClosingNote { get; init; }

    /// <summary>Goes up by one on every change an adviser can see; cards carry it so that a replayed old card is refused.</summary>
    public int Version { get; init; } = 1;

    /// <summary>When an adviser must have taken the case (office time); null when no reminder is pending.</summary>
    public DateTimeOffset? AcknowledgeBy { get; init; }

    /// <summary>0 = none sent, 1 = reminded once, 2 = handed to the backup adviser.</summary>
    public int Reminders { get; init; }

    /// <summary>How many times the reporter added information (also keeps those notices' row keys unique).</summary>
    public int Additions { get; init; }

    /// <summary>The store's concurrency token from the read this record came from.</summary>
    public string? ETag { get; init; }

    public bool IsOpen => Status != EscalationStatus.Closed;

    public static EscalationRecord From(CaseRecord record, RoutingDecision decision, DateTimeOffset now, DateTimeOffset? acknowledgeBy = null)
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
            EscalationStatus.New)
        {
            OrganisationName = record.OrganisationName,
            TenantId = record.TenantId,
            Urgency = record.Urgency,
            ReporterLanguage = record.Language,
            ChangedAt = now,
            AcknowledgeBy = acknowledgeBy,
        };
    }
}

public static class EscalationStatus
{
    public const string New = "Ny";
    public const string Taken = "Tagen";
    public const string Closed = "Avslutad";
}

/// <summary>
/// A notification to queue with a change. <paramref name="Tag"/> makes its row unique (e.g. "status.3" for the third
/// version's status message), so queueing the same change twice stores it once.
/// </summary>
public sealed record EscalationNotice(string RecipientKind, string Recipient, string Kind, string Tag, string? Payload = null);

public static class NoticeRecipients
{
    public const string Adviser = "adviser";
    public const string Reporter = "reporter";

    /// <summary>Every card already posted about the case (updated in place).</summary>
    public const string Posts = "posts";

    /// <summary>
    /// The audience of a posted "information" message (the reporter's added text, to an adviser): updated in place only
    /// when the reporter is erased, to show the pseudonym and no text.
    /// </summary>
    public const string AdviserInformation = "adviser-info";
}

public static class NoticeKinds
{
    /// <summary>The adviser's case card with an @mention: a new case.</summary>
    public const string NewCase = "new-case";

    /// <summary>The adviser's case card again: nobody took the case in time.</summary>
    public const string Reminder = "reminder";

    /// <summary>The adviser's case card: the case was handed over to them (by a colleague or by the deadline).</summary>
    public const string Handover = "handover";

    /// <summary>The backup adviser's case card: the routed adviser could not be reached in Teams, so the case came to them.</summary>
    public const string Backup = "backup";

    /// <summary>To the reporter when an adviser could not be reached in Teams: what reached whom (payload: a DeliveryReport).</summary>
    public const string PhoneNow = "phone-now";

    /// <summary>To the reporter: the case changed (payload: what happened).</summary>
    public const string Status = "status";

    /// <summary>To the adviser: the reporter added information (payload: the text).</summary>
    public const string Information = "info";

    /// <summary>Update every posted card about the case to its current state.</summary>
    public const string Update = "update";
}

/// <summary>Where a card about a case was posted: whose view it is and how to reach the message again.</summary>
public sealed record CardPost(
    string OrganisationKey,
    string CaseNumber,
    string Audience,
    string Recipient,
    ConversationReference Conversation,
    string ActivityId,
    string Language);

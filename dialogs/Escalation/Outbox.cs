using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>How a proactive message went: delivered, or the person cannot be reached (not installed, blocked, unknown).</summary>
public enum DeliveryResult
{
    Delivered,
    Unreachable,
}

/// <summary>The outcome of a send, and where the message now is (to update it in place later) when it was delivered.</summary>
public sealed record Delivery(DeliveryResult Result, ConversationReference? Conversation = null, string? ActivityId = null)
{
    public static readonly Delivery Unreachable = new(DeliveryResult.Unreachable);
}

/// <summary>Sends and updates proactive 1:1 messages in Teams. Transient failures (429, 5xx, network) throw so the outbox retries.</summary>
public interface ITeamsMessenger
{
    Task<Delivery> SendToPersonAsync(string personId, IMessageActivity message, CancellationToken cancellationToken);

    /// <summary>Replaces a message the bot posted earlier; Unreachable when it is gone (deleted chat, removed app).</summary>
    Task<DeliveryResult> UpdateAsync(ConversationReference conversation, string activityId, IMessageActivity message, CancellationToken cancellationToken);
}

/// <summary>E-mail to an adviser that Teams could not reach.</summary>
public interface IAdviserMail
{
    /// <summary>True when the SMTP server accepted the message; false when e-mail is off or the server refused or was away.</summary>
    Task<bool> SendAsync(string toAddress, AdviserEmail email, CancellationToken cancellationToken);
}

/// <summary>
/// One queued notification: the stored columns of a row of the escalations' outbox, as the outbox rule reads and changes
/// them. The store hands out its own rows (which add the keys and the ETag the claim is guarded by) and takes them back.
/// States: pending → sending (claimed with the row's ETag by one sender) → sent, or failed after the last attempt.
/// </summary>
public abstract class OutboxItem
{
    /// <summary>The case's organisation (the row's partition).</summary>
    public abstract string OrganisationKey { get; }

    public string CaseNumber { get; set; } = string.Empty;

    /// <summary>"adviser", "reporter" or "posts" (update every posted card); see <see cref="NoticeRecipients"/>.</summary>
    public string RecipientKind { get; set; } = NoticeRecipients.Adviser;

    /// <summary>The adviser's key, or the reporter's id.</summary>
    public string Recipient { get; set; } = string.Empty;

    /// <summary>What to send; see <see cref="NoticeKinds"/>.</summary>
    public string Kind { get; set; } = NoticeKinds.NewCase;

    public string State { get; set; } = OutboxStates.Pending;

    /// <summary>
    /// Delivery order across organisations (<see cref="OutboxPriorities"/>): urgent before normal before added
    /// information, then by due time. Rows from before this existed read as 0 and go first, which errs on the safe side.
    /// </summary>
    public int Priority { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>What the notification needs beyond the case (the reporter's added text, or which change it reports).</summary>
    public string? Payload { get; set; }

    /// <summary>The error type of the last failed attempt (never message text: it could hold personal data).</summary>
    public string? LastError { get; set; }
}

/// <summary>What the outbox rule needs from where escalations and their notifications live (the escalations' repository).</summary>
public interface IOutboxStore
{
    Task<EscalationRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken);

    /// <summary>Notifications due now: pending ones, and ones claimed so long ago that their sender must have died; urgent first.</summary>
    Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, TimeSpan claimTimeout, int max, CancellationToken cancellationToken);

    /// <summary>Claims a notification (one of <see cref="DueAsync"/>'s) for this sender (ETag): false when another sender got it first.</summary>
    Task<bool> TryClaimAsync(OutboxItem item, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a claimed notification (the claim's ETag guards against a late second sender).</summary>
    Task CompleteAsync(OutboxItem item, CancellationToken cancellationToken);

    /// <summary>Queues one more notification; idempotent per case, tag, recipient kind and recipient.</summary>
    Task QueueAsync(string organisationKey, string caseNumber, EscalationNotice notice, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every card posted about the case, to update in place.</summary>
    Task<IReadOnlyList<CardPost>> ListPostsAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken);

    /// <summary>Remembers where a card about the case was posted, so that later changes update it in place.</summary>
    Task RecordPostAsync(CardPost post, CancellationToken cancellationToken);
}

/// <summary>Says whether a storage failure is worth retrying (the storage layer knows its own exceptions).</summary>
public interface IStorageFailures
{
    bool IsTransient(Exception exception);
}

/// <summary>How the outbox paces itself (<c>Teams:OutboxPollSeconds</c>, <c>Teams:OutboxMaxAttempts</c>).</summary>
public sealed record OutboxSettings(int PollSeconds, int MaxAttempts);

/// <summary>The outbox's lanes: a flood in a later lane never holds back an earlier one.</summary>
public static class OutboxPriorities
{
    /// <summary>New AKUT/HÖG cases, reminders of passed deadlines, the backup adviser and "phone now" to the reporter.</summary>
    public const int Urgent = 0;

    /// <summary>Normal and preventive cases, status changes to the reporter, card updates.</summary>
    public const int Normal = 1;

    /// <summary>Information a reporter added: merged into one pending message per adviser and case.</summary>
    public const int Information = 2;

    public static int Of(string kind, Urgency urgency) => kind switch
    {
        NoticeKinds.Information => Information,
        NoticeKinds.Backup or NoticeKinds.PhoneNow or NoticeKinds.Reminder => Urgent,
        NoticeKinds.NewCase or NoticeKinds.Handover => urgency >= Urgency.Hog ? Urgent : Normal,
        _ => Normal,
    };
}

public static class OutboxStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

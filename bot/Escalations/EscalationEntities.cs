using Azure;
using Azure.Data.Tables;

namespace SupportBot.Bot.Escalations;

/// <summary>
/// An escalated case in the <c>Escalations</c> table: PartitionKey = organisation key (as for incidents),
/// RowKey = <c>case|{number}</c>. Its notifications are rows of the same partition (<see cref="OutboxEntity"/>),
/// so both are written in one entity-group transaction.
/// </summary>
public sealed class EscalationEntity : ITableEntity
{
    public const string RowPrefix = "case|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CaseNumber { get; set; } = string.Empty;

    public string PrimaryAdviser { get; set; } = string.Empty;

    public string? BackupAdviser { get; set; }

    public string RoutingRuleId { get; set; } = string.Empty;

    public string ReasonSv { get; set; } = string.Empty;

    public string ReasonEn { get; set; } = string.Empty;

    public string ReporterId { get; set; } = string.Empty;

    public DateTimeOffset EscalatedAt { get; set; }

    public string Status { get; set; } = string.Empty;
}

/// <summary>
/// One notification waiting to be delivered (<c>out|{number}|{recipient}</c> in the escalation's partition).
/// States: pending → sending (claimed with an ETag by one sender) → sent, or failed after the last attempt.
/// </summary>
public sealed class OutboxEntity : ITableEntity
{
    public const string RowPrefix = "out|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CaseNumber { get; set; } = string.Empty;

    /// <summary>"adviser" (the new-case card) or "reporter" (a message to the person who escalated).</summary>
    public string RecipientKind { get; set; } = OutboxRecipients.Adviser;

    /// <summary>The adviser's key, or the reporter's id.</summary>
    public string Recipient { get; set; } = string.Empty;

    /// <summary>What to send: "new-case", or "phone-now" when no adviser could be reached.</summary>
    public string Kind { get; set; } = OutboxKinds.NewCase;

    public string State { get; set; } = OutboxStates.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The error type of the last failed attempt (never message text: it could hold personal data).</summary>
    public string? LastError { get; set; }
}

public static class OutboxStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

public static class OutboxRecipients
{
    public const string Adviser = "adviser";
    public const string Reporter = "reporter";
}

public static class OutboxKinds
{
    public const string NewCase = "new-case";
    public const string PhoneNow = "phone-now";
}

using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.Escalations;

/// <summary>
/// An escalated case in the <c>Escalations</c> table: PartitionKey = organisation key (as for incidents),
/// RowKey = <c>case|{number}</c>. Its notifications are rows of the same partition (<see cref="OutboxEntity"/>),
/// so both are written in one entity-group transaction.
/// </summary>
public sealed class EscalationEntity : TableRow
{
    public const string RowPrefix = "case|";

    public string CaseNumber { get; set; } = string.Empty;

    public string PrimaryAdviser { get; set; } = string.Empty;

    public string? BackupAdviser { get; set; }

    public string RoutingRuleId { get; set; } = string.Empty;

    public string ReasonSv { get; set; } = string.Empty;

    public string ReasonEn { get; set; } = string.Empty;

    public string ReporterId { get; set; } = string.Empty;

    public DateTimeOffset EscalatedAt { get; set; }

    public string Status { get; set; } = string.Empty;

    public string OrganisationName { get; set; } = string.Empty;

    /// <summary>The reporter's Microsoft 365 tenant (null on older rows).</summary>
    public string? TenantId { get; set; }

    public string Urgency { get; set; } = string.Empty;

    public string ReporterLanguage { get; set; } = "sv";

    public string? AssignedAdviser { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? ClosingNote { get; set; }

    public int Version { get; set; } = 1;

    public DateTimeOffset? AcknowledgeBy { get; set; }

    public int Reminders { get; set; }

    public int Additions { get; set; }
}

/// <summary>
/// Where a card about the case was posted (<c>post|{number}|{hash}</c> in the escalation's partition): the conversation
/// and the message id, so that every change updates it in place.
/// </summary>
public sealed class CardPostEntity : TableRow
{
    public const string RowPrefix = "post|";

    public string CaseNumber { get; set; } = string.Empty;

    /// <summary>"adviser" or "reporter": which view of the case the card shows.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>The adviser's key, or the reporter's id.</summary>
    public string Recipient { get; set; } = string.Empty;

    /// <summary>The conversation reference as JSON.</summary>
    public string Conversation { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    public string Language { get; set; } = "sv";
}

/// <summary>
/// One notification waiting to be delivered (<c>out|{number}|{recipient}</c> in the escalation's partition): the
/// stored columns are the outbox rule's <see cref="OutboxItem"/>; this adds the keys and the ETag.
/// </summary>
public sealed class OutboxEntity : OutboxItem, ITableEntity
{
    public const string RowPrefix = "out|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The partition itself, not a column of its own.</summary>
    [IgnoreDataMember]
    public override string OrganisationKey => PartitionKey;
}

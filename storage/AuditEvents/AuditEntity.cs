using SupportBot.Storage.Tables;

namespace SupportBot.Storage.AuditEvents;

/// <summary>
/// One audit event in the <c>AuditEvents</c> table: PartitionKey = organisation key ("-" when the attempt named none
/// that exists), RowKey = time (sortable) plus a random suffix. Written once, never updated or deleted by the bot.
/// </summary>
public sealed class AuditEntity : TableRow
{
    public const string NoOrganisation = "-";

    public string? CaseNumber { get; set; }

    public string Action { get; set; } = string.Empty;

    public string Outcome { get; set; } = string.Empty;

    public string? Reason { get; set; }

    public string Actor { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string? FromStatus { get; set; }

    public string? ToStatus { get; set; }
}

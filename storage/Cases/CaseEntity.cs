using SupportBot.Storage.Tables;

namespace SupportBot.Storage.Cases;

/// <summary>
/// One case in the <c>Incidents</c> table. PartitionKey = organisation key, so an organisation's cases are
/// one partition query and no query for one organisation can return another's. RowKey = case number.
/// </summary>
public sealed class CaseEntity : TableRow
{
    public string OrganisationName { get; set; } = string.Empty;

    /// <summary>The organisation's SCB code (also the partition key of cases saved since organisations come from the tenant).</summary>
    public string OrganisationCode { get; set; } = string.Empty;

    /// <summary>The reporter's Microsoft 365 tenant, from the verified activity (null on older cases).</summary>
    public string? TenantId { get; set; }

    public string ReporterId { get; set; } = string.Empty;

    public string ReporterName { get; set; } = string.Empty;

    public string Urgency { get; set; } = string.Empty;

    /// <summary>The triage answers as JSON (step id → answer); small: the free text is capped at 500 characters.</summary>
    public string AnswersJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public string Status { get; set; } = string.Empty;

    public string Language { get; set; } = "sv";
}

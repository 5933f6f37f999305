using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ReporterCases;

/// <summary>
/// The reporter's index of their own cases (<c>ReporterCases</c> table): PartitionKey = a hash of the reporter's
/// id (no raw ids in keys), RowKey = case number, pointing to the case's organisation partition.
/// </summary>
public sealed class ReporterCaseEntity : TableRow
{
    public string OrganisationKey { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

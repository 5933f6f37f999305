using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ChecklistProgress;

/// <summary>
/// A person's ticks on one checklist in the <c>ChecklistProgress</c> table: PartitionKey = SHA-256 of the person's id
/// (the Entra object id when Teams sends one), RowKey = the checklist id; the ticked item ids, comma-separated (item
/// ids are lower-case words and hyphens, checked when the content loads). No names, no free text.
/// </summary>
public sealed class ChecklistProgressEntity : TableRow
{
    public string Ticked { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}

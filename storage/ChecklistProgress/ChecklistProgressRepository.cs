using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ChecklistProgress;

/// <summary>
/// Checklist progress in Table Storage, one partition per person (so "checklista" is one partition query). A write is
/// an insert when nothing was read and a replace guarded by the read's ETag otherwise: a lost race stores nothing.
/// </summary>
public sealed class ChecklistProgressRepository(TableServiceClient tables)
    : PersonPartitionedTable(tables, StoredTables.ChecklistProgress, RowKinds.ChecklistRows, nameof(ChecklistProgressEntity.UpdatedAt)), IChecklistProgressStore
{
    /// <summary>More rows than there are checklists means someone wrote rows by hand; the list never needs more.</summary>
    private const int MaxListed = 100;

    public async Task<Dialogs.Checklists.ChecklistProgress?> GetAsync(string personId, string checklistId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentException.ThrowIfNullOrWhiteSpace(checklistId);
        return await FindAsync<ChecklistProgressEntity>(PersonKey(personId), checklistId, cancellationToken).ConfigureAwait(false) is { } row ? FromEntity(personId, row) : null;
    }

    public async Task<IReadOnlyList<Dialogs.Checklists.ChecklistProgress>> ListAsync(string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        var rows = new List<Dialogs.Checklists.ChecklistProgress>();
        await foreach (var row in PersonRowsAsync<ChecklistProgressEntity>(personId, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(FromEntity(personId, row));
            if (rows.Count >= MaxListed)
            {
                break;
            }
        }

        return rows;
    }

    public async Task<bool> SaveAsync(Dialogs.Checklists.ChecklistProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentException.ThrowIfNullOrWhiteSpace(progress.PersonId);
        ArgumentException.ThrowIfNullOrWhiteSpace(progress.ChecklistId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new ChecklistProgressEntity
        {
            PartitionKey = PersonKey(progress.PersonId),
            RowKey = progress.ChecklistId,
            Ticked = string.Join(',', progress.Ticked),
            UpdatedAt = progress.UpdatedAt,
        };
        try
        {
            if (string.IsNullOrEmpty(progress.ETag))
            {
                await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Table.UpdateEntityAsync(entity, new ETag(progress.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            // 409: someone saved it first (insert). 412/404: changed or removed since it was read. Nothing stored.
            return false;
        }
    }

    private static Dialogs.Checklists.ChecklistProgress FromEntity(string personId, ChecklistProgressEntity entity) => new(
        personId,
        entity.RowKey,
        entity.Ticked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        entity.UpdatedAt)
    {
        ETag = entity.ETag.ToString(),
    };
}

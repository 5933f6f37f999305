using Azure;
using Azure.Data.Tables;

namespace SupportBot.Storage.Tables;

/// <summary>Bulk deletes the repositories share: a whole partition (erasure), or rows older than a date (retention).</summary>
public static class TablePartitions
{
    /// <summary>Table Storage's limit of actions in one entity-group transaction.</summary>
    public const int MaxBatch = 100;

    /// <summary>Every row of one partition, unconditionally (ETag *), in transactions of at most 100; returns how many.</summary>
    public static async Task<int> DeleteAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        foreach (var batch in rows.Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    /// <summary>
    /// Rows whose <paramref name="property"/> (a date) is before the cut-off, in transactions per partition, each row
    /// with the ETag it was read with: a row used again meanwhile is kept. Returns how many were deleted.
    /// </summary>
    public static async Task<int> DeleteOlderAsync(TableClient table, string property, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var deleted = 0;
        // The property name is ours (a constant); only the value is formatted as a filter literal.
        var filter = property + " lt " + TableClient.CreateQueryFilter($"{cutoff}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: MaxBatch, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var partition in page.Values.GroupBy(r => r.PartitionKey))
            {
                try
                {
                    await table.SubmitTransactionAsync(partition.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken).ConfigureAwait(false);
                    deleted += partition.Count();
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
                {
                    // Used again (or erased) since it was read: kept, or already gone.
                }
            }
        }

        return deleted;
    }
}

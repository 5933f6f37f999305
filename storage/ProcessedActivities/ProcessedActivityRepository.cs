using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ProcessedActivities;

/// <summary>
/// Claims in the <c>ProcessedActivities</c> table. A claim is an insert: Table Storage lets exactly one of any number
/// of concurrent inserts of the same key succeed (the others get 409), which is what makes this work across instances.
/// </summary>
public sealed class ProcessedActivityRepository(TableServiceClient tables) : TableOwner(tables, StoredTables.ProcessedActivities), IProcessedActivityStore, IPersonalDataTable
{
    public async Task<ClaimOutcome> ClaimAsync(string conversationId, string activityId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(conversationId, activityId);
        try
        {
            await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await Table.AddEntityAsync(new ProcessedActivityEntity { PartitionKey = partition, RowKey = row, ExpiresAt = expiresAt }, cancellationToken).ConfigureAwait(false);
            return ClaimOutcome.Claimed;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return ClaimOutcome.Duplicate;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException)
        {
            return ClaimOutcome.Unavailable;
        }
    }

    public async Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(conversationId, activityId);
        try
        {
            await Table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException)
        {
            // Storage is away: the claim stays until it expires, and a retry in the meantime is answered as a duplicate.
        }
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        await foreach (var page in Table.QueryAsync<ProcessedActivityEntity>(filter, maxPerPage: 100, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var partition in page.Values.GroupBy(e => e.PartitionKey))
            {
                // One transaction per partition (at most 100 rows each).
                await Table.SubmitTransactionAsync(partition.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken).ConfigureAwait(false);
                deleted += partition.Count();
            }
        }

        return deleted;
    }

    private static (string Partition, string Row) Keys(string conversationId, string activityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var row = KeyHash.Of(conversationId + "\n" + activityId);
        return (row[..2], row);
    }

    /// <summary>Erasure: nothing to do; a claim is a hash of conversation and activity ids and names nobody.</summary>
    public Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken) => Task.FromResult(RowCounts.None);

    /// <summary>Retention: claims past their expiry.</summary>
    public async Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RowCounts.Of(RowKinds.ProcessedActivities, await DeleteExpiredAsync(run.Now, cancellationToken).ConfigureAwait(false));
    }
}

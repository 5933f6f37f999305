using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using SupportBot.Dialogs.Privacy;

namespace SupportBot.Storage.Tables;

/// <summary>
/// A table with one partition per person, keyed by a hash of their id, and its personal-data policy: erasure deletes the
/// person's whole partition; retention deletes the rows whose <paramref name="changedAt"/> column (a date the repository
/// refreshes on use) is before the cut-off. Checklist progress, share targets and conversation references are such tables.
/// </summary>
/// <param name="tableName">One of <see cref="StoredTables"/>.</param>
/// <param name="rowKind">What erasure and retention count the rows as (<see cref="RowKinds"/>).</param>
/// <param name="changedAt">The entity's date column that retention compares with the cut-off.</param>
public abstract class PersonPartitionedTable(TableServiceClient tables, string tableName, string rowKind, string changedAt)
    : TableOwner(tables, tableName), IPersonalDataTable
{
    /// <summary>A hash, so person ids never appear as keys (and any id is a valid key); the same key in every such table.</summary>
    internal static string PersonKey(string personId) =>
        KeyHash.Of(personId);

    /// <summary>Every row of the person's partition.</summary>
    protected async IAsyncEnumerable<TRow> PersonRowsAsync<TRow>(string personId, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRow : class, ITableEntity
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PersonKey(personId)}");
        await foreach (var row in Table.QueryAsync<TRow>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Writes <paramref name="row"/> into the person's partition, replacing any row with its key: last writer wins on
    /// purpose, as the newest reference to a person or a chat is the one that works.
    /// </summary>
    protected async Task SaveLatestAsync<TRow>(string personId, TRow row, CancellationToken cancellationToken)
        where TRow : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(row);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        row.PartitionKey = PersonKey(personId);
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return RowCounts.Of(rowKind, await TablePartitions.DeleteAsync(Table, PersonKey(person.Id), cancellationToken).ConfigureAwait(false));
    }

    public async Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return RowCounts.Of(rowKind, await TablePartitions.DeleteOlderAsync(Table, changedAt, run.Cutoff, cancellationToken).ConfigureAwait(false));
    }
}

using Azure;
using Azure.Data.Tables;

namespace SupportBot.Storage.Tables;

/// <summary>
/// The one repository that owns a table: its client, its stored name (which also answers
/// <see cref="Dialogs.Privacy.IPersonalDataTable.TableName"/>), and the table created once on first use (a failed
/// creation is tried again by the next caller). Each folder under storage/ has one.
/// </summary>
public abstract class TableOwner
{
    private readonly AsyncOnce _created;

    /// <param name="tableName">One of <see cref="StoredTables"/>.</param>
    /// <param name="createTable">False where the table is provisioned beforehand and the identity may not create tables.</param>
    protected TableOwner(TableServiceClient tables, string tableName, bool createTable = true)
    {
        ArgumentNullException.ThrowIfNull(tables);
        TableName = tableName;
        Table = tables.GetTableClient(tableName);
        _created = new AsyncOnce(ct => createTable ? Table.CreateIfNotExistsAsync(ct) : Task.CompletedTask);
    }

    /// <summary>The stored table's name.</summary>
    public string TableName { get; }

    /// <summary>Internal too: a table's owner may lend its client to a batch in the same partition (cases and their escalation).</summary>
    protected internal TableClient Table { get; }

    protected Task EnsureCreatedAsync(CancellationToken cancellationToken) => _created.EnsureAsync(cancellationToken);

    /// <summary>One row by its keys; null when there is none.</summary>
    protected async Task<TRow?> FindAsync<TRow>(string partitionKey, string rowKey, CancellationToken cancellationToken)
        where TRow : class, ITableEntity
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var found = await Table.GetEntityIfExistsAsync<TRow>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Deletes one row if it still has <paramref name="etag"/> (<see cref="ETag.All"/>: any); false when it is gone or changed.</summary>
    protected async Task<bool> DeleteIfUnchangedAsync(string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            // The SDK answers a missing entity with 404 rather than an exception.
            var response = await Table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }
}

using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Bot.Builder;

using SupportBot.Storage.Tables;

namespace SupportBot.Storage.State;

/// <summary>
/// The Bot Framework <see cref="IStorage"/> over one Azure Table (or Azurite): one entity per key, laid out as
/// <see cref="StateEntity"/> describes.
/// </summary>
/// <remarks>
/// <para>Contract (the SDK's, plus what Table Storage needs):</para>
/// <list type="bullet">
/// <item><see cref="ReadAsync"/> leaves missing keys out of the result; <see cref="DeleteAsync"/> of a missing key
/// does nothing; null <c>keys</c>/<c>changes</c> throw <see cref="ArgumentNullException"/>.</item>
/// <item>A value read back carries the entity's ETag: in <see cref="IStoreItem.ETag"/>, or in an <c>"eTag"</c>
/// entry when it is a dictionary or JObject (so <c>BotState</c>'s conversation and user state get optimistic
/// concurrency, see <see cref="StateETag"/>). Every write changes it.</item>
/// <item>Writes: a value with no ETag (plain objects, IStoreItem with null) or <c>"*"</c> is written
/// unconditionally; with an ETag, only if the stored entity still has it. If not — changed or deleted since it was
/// read — the write throws <see cref="StorageConcurrencyException"/> (an <see cref="InvalidOperationException"/>,
/// "Etag conflict: …"). The ETag <c>"insert-only"</c> (<see cref="StateETag.InsertOnly"/>) writes only if nothing is stored
/// yet, and throws the same exception otherwise. An empty-string ETag is never valid and throws <see cref="ArgumentException"/>.</item>
/// <item>A null value deletes the key (reads then leave it out, as with the SDK's MemoryStorage).</item>
/// <item>Values are JSON (<see cref="StorageSerializer"/>) of at most <see cref="ValueChunker.MaxValueBytes"/>
/// bytes; a larger value, or a key longer than <see cref="TableKeyEncoder.MaxKeyLength"/>, throws
/// <see cref="ArgumentException"/>, and a type outside <see cref="AllowListSerializationBinder"/>'s list a
/// <c>JsonSerializationException</c> — all before anything in the batch is written.</item>
/// </list>
/// <para>Round trips: a read of N keys is N point reads in parallel, a write of N keys N requests in parallel;
/// there are no transactions across keys (there are none in <c>IStorage</c>). The table is created on the first
/// write, once per instance. Nothing here logs: keys and values are personal data.</para>
/// </remarks>
public sealed class TableStorage : IStorage
{
    private readonly TableClient _table;
    private readonly AsyncOnce _tableCreated;

    public TableStorage(TableServiceClient serviceClient, string tableName)
        : this(GetTableClient(serviceClient, tableName))
    {
    }

    /// <summary>Test seam: a storage over a table client the test controls.</summary>
    internal TableStorage(TableClient tableClient)
    {
        _table = tableClient ?? throw new ArgumentNullException(nameof(tableClient));
        _tableCreated = new AsyncOnce(ct => _table.CreateIfNotExistsAsync(ct));
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var distinctKeys = keys.Distinct(StringComparer.Ordinal).ToArray();

        // No table yet reads as "nothing stored" (404), so reads never create it.
        var values = await Task.WhenAll(distinctKeys.Select(key => ReadOneAsync(key, cancellationToken))).ConfigureAwait(false);

        var result = new Dictionary<string, object>(distinctKeys.Length, StringComparer.Ordinal);
        for (var i = 0; i < distinctKeys.Length; i++)
        {
            if (values[i] is { } value)
            {
                result[distinctKeys[i]] = value;
            }
        }

        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);

        // Everything that can be refused is refused here, before the first request: a refused batch stores nothing.
        var writes = changes.Select(change => PendingWrite.Prepare(change.Key, change.Value)).ToList();
        if (writes.Count == 0)
        {
            return;
        }

        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(writes.Select(write => WriteOneAsync(write, cancellationToken))).ConfigureAwait(false);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        // A shortened key is not checked against the stored original here (that would cost a read per key);
        // deleting another key's entity would need two long keys with the same SHA-256.
        var partitionKeys = keys.Select(TableKeyEncoder.Encode).Distinct(StringComparer.Ordinal).ToList();
        return Task.WhenAll(partitionKeys.Select(partitionKey => DeleteOneAsync(partitionKey, cancellationToken)));
    }

    private static TableClient GetTableClient(TableServiceClient serviceClient, string tableName)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return serviceClient.GetTableClient(tableName);
    }

    private async Task<object?> ReadOneAsync(string key, CancellationToken cancellationToken)
    {
        var partitionKey = TableKeyEncoder.Encode(key);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, StateEntity.RowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!response.HasValue || StateEntity.ReadValue(response.Value!, key) is not { } json)
        {
            return null;
        }

        var value = StorageSerializer.FromUtf8Json(json);
        if (value is not null)
        {
            StateETag.Set(value, response.Value!.ETag.ToString());
        }

        return value;
    }

    private async Task WriteOneAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        if (write.Entity is null)
        {
            await DeleteOneAsync(write.PartitionKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        Response response;
        if (write.IfMatch is StateETag.InsertOnly)
        {
            try
            {
                response = await _table.AddEntityAsync(write.Entity, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Someone created it since our read found nothing.
                throw StorageConcurrencyException.From(ex);
            }
        }
        else if (write.IfMatch is null)
        {
            // Replace, not Merge: pieces of a longer earlier value must not survive.
            response = await _table.UpsertEntityAsync(write.Entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                response = await _table.UpdateEntityAsync(write.Entity, new ETag(write.IfMatch), TableUpdateMode.Replace, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // 412: someone wrote since our read. 404: someone deleted it since our read.
                throw StorageConcurrencyException.From(ex);
            }
        }

        if (response.Headers.ETag is { } etag)
        {
            StateETag.Refresh(write.Value!, etag.ToString());
        }
    }

    private async Task DeleteOneAsync(string partitionKey, CancellationToken cancellationToken)
    {
        // Unconditional; a missing entity (or table) answers 404, which the client does not throw for.
        await _table.DeleteEntityAsync(partitionKey, StateEntity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One key of a write, validated and serialized before anything is sent.</summary>
    private sealed record PendingWrite(string PartitionKey, object? Value, TableEntity? Entity, string? IfMatch)
    {
        public static PendingWrite Prepare(string key, object? value)
        {
            var partitionKey = TableKeyEncoder.Encode(key);
            if (value is null)
            {
                return new PendingWrite(partitionKey, null, null, null);
            }

            var etag = StateETag.Get(value);
            if (etag is { Length: 0 })
            {
                throw new ArgumentException(
                    "A value carries an empty ETag. Use the ETag from a read for a conditional write, or null or \"*\" for an unconditional one.",
                    nameof(value));
            }

            var json = StorageSerializer.ToUtf8Json(value);
            if (json.Length > ValueChunker.MaxValueBytes)
            {
                // Sizes only, never the key or the value.
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"A value serializes to {json.Length:N0} bytes of JSON; TableStorage stores at most {ValueChunker.MaxValueBytes:N0} bytes per key (Table Storage's 1 MiB entity limit, with room for the key). Nothing in this write was stored."),
                    nameof(value));
            }

            var entity = StateEntity.Create(partitionKey, key, ValueChunker.Split(json));
            return new PendingWrite(partitionKey, value, entity, etag is "*" ? null : etag);
        }
    }
}

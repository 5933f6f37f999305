using System.Globalization;
using Azure.Data.Tables;

using SupportBot.Storage.Tables;

namespace SupportBot.Storage.State;

/// <summary>
/// The Table Storage entity one bot state key lives in.
/// </summary>
/// <remarks>
/// Layout: PartitionKey = <see cref="TableKeyEncoder.Encode"/>(key); RowKey = "" (constant); <c>Key</c> = the
/// original key; <c>D00</c>, <c>D01</c>, … = the value's UTF-8 JSON in <see cref="ValueChunker"/> pieces.
/// One partition per key: <c>IStorage</c> has no cross-key transactions or queries that would want keys together,
/// every access is a point read or write by the full key, and spreading keys over partitions lets the service
/// balance load (a single partition serves ~2,000 entities/s). The RowKey therefore carries nothing.
/// </remarks>
internal static class StateEntity
{
    internal const string RowKey = "";
    internal const string KeyProperty = "Key";

    public static string ChunkProperty(int index) => "D" + index.ToString("00", CultureInfo.InvariantCulture);

    public static TableEntity Create(string partitionKey, string key, IReadOnlyList<byte[]> chunks)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(chunks);
        var entity = new TableEntity(partitionKey, RowKey) { [KeyProperty] = key };
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[ChunkProperty(i)] = chunks[i];
        }

        return entity;
    }

    /// <summary>
    /// The stored JSON, or null when the entity holds another key (the shortened keys of two long keys collided).
    /// </summary>
    public static byte[]? ReadValue(TableEntity entity, string key)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(key);
        if (!string.Equals(entity.GetString(KeyProperty), key, StringComparison.Ordinal))
        {
            return null;
        }

        // Replace (never Merge) on write means the pieces are exactly D00..Dnn with no gap and nothing left over.
        var chunks = new List<byte[]>();
        while (entity.TryGetValue(ChunkProperty(chunks.Count), out var chunk) && chunk is byte[] bytes)
        {
            chunks.Add(bytes);
        }

        return ValueChunker.Join(chunks);
    }
}

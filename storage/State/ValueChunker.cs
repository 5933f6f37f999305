namespace SupportBot.Storage.State;

/// <summary>
/// Splits a serialized value into pieces that each fit one Table Storage binary property, and joins them again.
/// </summary>
internal static class ValueChunker
{
    /// <summary>
    /// Bytes per property. The service limit is 64 KiB per binary property (⚠ enforced as 64 KB decimal);
    /// 64,000 stays under both readings.
    /// </summary>
    internal const int ChunkBytes = 64_000;

    /// <summary>
    /// Largest value stored. An entity may hold 1 MiB, but binary properties travel as base64 (4/3 of the bytes)
    /// and Azurite 3.37 counts the request body: measured, it refuses an entity with more than ~786,000 bytes of
    /// binary. 720,000 bytes (960,000 base64 characters) leaves room for the key and the property names on both.
    /// </summary>
    internal const int MaxValueBytes = 720_000;

    internal const int MaxChunks = (MaxValueBytes + ChunkBytes - 1) / ChunkBytes;

    /// <summary>
    /// The pieces of <paramref name="data"/>, in order, each at most <see cref="ChunkBytes"/> long; none for empty data.
    /// </summary>
    public static IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, MaxValueBytes, nameof(data));
        var chunks = new List<byte[]>((data.Length + ChunkBytes - 1) / ChunkBytes);
        for (var offset = 0; offset < data.Length; offset += ChunkBytes)
        {
            chunks.Add(data.Slice(offset, Math.Min(ChunkBytes, data.Length - offset)).ToArray());
        }

        return chunks;
    }

    public static byte[] Join(IReadOnlyList<byte[]> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var joined = new byte[chunks.Sum(c => c.Length)];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(joined, offset);
            offset += chunk.Length;
        }

        return joined;
    }
}

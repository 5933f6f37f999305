using System.Text;
using Newtonsoft.Json;

namespace SupportBot.Storage.State;

/// <summary>
/// The one place bot state is turned into JSON and back: Newtonsoft.Json, as the SDK's own stores and
/// <c>BotState</c> expect, with type names restricted by <see cref="AllowListSerializationBinder"/>.
/// </summary>
internal static class StorageSerializer
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // One serializer for the process: configured once, thread-safe to use, never mutated after this.
    private static readonly JsonSerializer s_serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        // Like MemoryStorage: typed state reads back as its type (BotState casts to the accessor's T;
        // DialogState must come back as DialogState). The binder is what makes this safe.
#pragma warning disable CA2326, CA2327 // TypeNameHandling is restricted by an allow-list binder (see AllowListSerializationBinder).
        TypeNameHandling = TypeNameHandling.All,
#pragma warning restore CA2326, CA2327
        SerializationBinder = AllowListSerializationBinder.Instance,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        NullValueHandling = NullValueHandling.Include,

        // Dialog stacks nest; bounded all the same so a crafted row cannot exhaust the stack.
        MaxDepth = 128,
    });

    /// <summary>
    /// Per thread, the stream and text writer that state is written through, kept between writes: serialising is
    /// synchronous, so a thread never uses them twice at once. Fresh ones each write cost ≈ 15 KB of growing
    /// buffers for state of a few KB, on every turn.
    /// </summary>
    [ThreadStatic]
    private static WriteBuffers? t_writeBuffers;

    public static byte[] ToUtf8Json(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffers = t_writeBuffers ?? new WriteBuffers();
        t_writeBuffers = null;
        buffers.Stream.SetLength(0);
        using (var json = new JsonTextWriter(buffers.Text) { CloseOutput = false, ArrayPool = PooledChars.Instance })
        {
            s_serializer.Serialize(json, value);
        }

        buffers.Text.Flush();
        var utf8 = buffers.Stream.ToArray();

        // Kept only after a write that succeeded (a failed one may leave the writer mid-character) and was not unusually large.
        if (buffers.Stream.Capacity <= WriteBuffers.KeepCapacity)
        {
            t_writeBuffers = buffers;
        }

        return utf8;
    }

    public static object? FromUtf8Json(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var text = new StreamReader(new MemoryStream(utf8Json, writable: false), s_utf8);
        using var json = new JsonTextReader(text) { ArrayPool = PooledChars.Instance };
        return s_serializer.Deserialize(json);
    }

    private sealed class WriteBuffers
    {
        public const int KeepCapacity = 64 * 1024;

        public WriteBuffers()
        {
            Stream = new MemoryStream(4096);
            Text = new StreamWriter(Stream, s_utf8, bufferSize: 1024, leaveOpen: true);
        }

        public MemoryStream Stream { get; }

        public StreamWriter Text { get; }
    }

    /// <summary>Newtonsoft's text buffers from the shared pool instead of new arrays per read and write.</summary>
    private sealed class PooledChars : IArrayPool<char>
    {
        public static readonly PooledChars Instance = new();

        public char[] Rent(int minimumLength) => System.Buffers.ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(array);
            }
        }
    }
}

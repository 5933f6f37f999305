using System.Text;
using Newtonsoft.Json;

using SupportBot.Storage.Tables;

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

    public static byte[] ToUtf8Json(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var buffer = new MemoryStream();
        // The writer's buffers are allocated per call: 1 K chars (the default) instead of 16 K saves ~80 KB a write; state is a few KB.
        using (var text = new StreamWriter(buffer, s_utf8, bufferSize: 1024, leaveOpen: true))
        using (var json = new JsonTextWriter(text))
        {
            s_serializer.Serialize(json, value);
        }

        return buffer.ToArray();
    }

    public static object? FromUtf8Json(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var text = new StreamReader(new MemoryStream(utf8Json, writable: false), s_utf8);
        using var json = new JsonTextReader(text);
        return s_serializer.Deserialize(json);
    }
}

using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace SupportBot.Storage.State;

/// <summary>
/// Where a stored value carries its ETag: <see cref="IStoreItem.ETag"/>, or an <c>"eTag"</c> entry in a
/// dictionary or <see cref="JObject"/>.
/// </summary>
/// <remarks>
/// <c>BotState</c> (conversation and user state) stores a plain <c>IDictionary&lt;string, object&gt;</c>, which
/// the SDK's stores write last-writer-wins. Putting the entity's ETag into that dictionary on read makes the
/// SDK's own save send it back, so two turns that loaded the same conversation cannot silently overwrite each
/// other. (The SDK's <c>MemoryStorage</c> 4.23.1 does not do this; dictionaries without the entry keep the SDK's
/// last-writer-wins rule.)
/// </remarks>
internal static class StateETag
{
    /// <summary>The name the SDK's store items serialize their ETag under.</summary>
    internal const string DictionaryKey = "eTag";

    /// <summary>
    /// The ETag of a value that must not exist yet: written as an insert, which fails (a conflict) when another writer
    /// created it first. A new conversation's state carries it so that of two first turns only one is saved.
    /// </summary>
    internal const string InsertOnly = "insert-only";

    /// <summary>The ETag the caller wrote with, or null when the value carries none.</summary>
    public static string? Get(object? value) => value switch
    {
        IStoreItem item => item.ETag,
        IDictionary<string, object> dictionary => dictionary.TryGetValue(DictionaryKey, out var etag) ? etag as string : null,
        JObject json => json.TryGetValue(DictionaryKey, StringComparison.Ordinal, out var etag) && etag.Type == JTokenType.String ? (string?)etag : null,
        _ => null,
    };

    /// <summary>After a read: the value carries the entity's ETag.</summary>
    public static void Set(object value, string etag)
    {
        switch (value)
        {
            case IStoreItem item:
                item.ETag = etag;
                break;
            case IDictionary<string, object> { IsReadOnly: false } dictionary:
                dictionary[DictionaryKey] = etag;
                break;
            case JObject json:
                json[DictionaryKey] = etag;
                break;
        }
    }

    /// <summary>
    /// After a write: a dictionary or JObject that carried an ETag carries the new one, so a second save in the
    /// same turn (BotState keeps the same dictionary) does not conflict with the first. <see cref="IStoreItem"/>s
    /// are left alone, as the SDK's stores do: their callers read again to get the new ETag.
    /// </summary>
    public static void Refresh(object value, string etag)
    {
        switch (value)
        {
            case IStoreItem:
                break;
            case IDictionary<string, object> { IsReadOnly: false } dictionary when dictionary.ContainsKey(DictionaryKey):
                dictionary[DictionaryKey] = etag;
                break;
            case JObject json when json.ContainsKey(DictionaryKey):
                json[DictionaryKey] = etag;
                break;
        }
    }
}

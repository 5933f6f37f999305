namespace SupportBot.Storage.Tables;

/// <summary>
/// A write carried an ETag that no longer matches the stored value: another writer changed or deleted the key
/// since it was read. The caller's value was not stored. Read again, re-apply the change and retry, or give up.
/// </summary>
/// <remarks>
/// An <see cref="InvalidOperationException"/> like the SDK's BlobsStorage conflict, so code written against
/// either store catches it the same way. The message never contains the key or the value.
/// </remarks>
public sealed class StorageConcurrencyException : InvalidOperationException
{
    private const string DefaultMessage =
        "Etag conflict: the stored value was changed or deleted by another writer since it was read. Nothing was written for this key.";

    public StorageConcurrencyException()
        : base(DefaultMessage)
    {
    }

    public StorageConcurrencyException(string message)
        : base(message)
    {
    }

    public StorageConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static StorageConcurrencyException From(Exception cause) => new(DefaultMessage, cause);
}

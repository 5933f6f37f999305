using Azure;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Storage.Tables;

/// <summary>Table Storage's own failures are transient for the outbox: the row stays queued and is tried again.</summary>
public sealed class StorageFailures : IStorageFailures
{
    public bool IsTransient(Exception exception) => exception is RequestFailedException;
}

using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ProcessedActivities;

/// <summary>
/// A claim on one incoming activity: partition = the first two hex digits of the key (spreads the load), row = a
/// SHA-256 of conversation id and activity id. Nothing readable about the person or the message is stored.
/// </summary>
public sealed class ProcessedActivityEntity : TableRow
{
    /// <summary>After this the claim may be deleted (Table Storage has no TTL; the retention job removes it).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

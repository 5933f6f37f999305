using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ShareTargets;

/// <summary>
/// A group chat or channel a person can share checklists to, in the <c>ShareTargets</c> table: PartitionKey = SHA-256 of
/// the person's id, RowKey = a hash of the conversation id; the conversation reference (the SDK's JSON) to post with.
/// </summary>
public sealed class ShareTargetEntity : TableRow
{
    public string Kind { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string ReferenceJson { get; set; } = "{}";

    public DateTimeOffset SeenAt { get; set; }
}

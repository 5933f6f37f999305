using Azure;
using Azure.Data.Tables;

namespace SupportBot.Storage.ConversationReferences;

/// <summary>
/// How to reach a person proactively (<c>ConversationReferences</c> table): PartitionKey = a hash of the person's
/// Entra object id (or channel user id), RowKey = "personal". The reference itself is the SDK's JSON.
/// </summary>
public sealed class ConversationReferenceEntity : ITableEntity
{
    public const string PersonalRow = "personal";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = PersonalRow;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ReferenceJson { get; set; } = "{}";

    public string ServiceUrl { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}

using SupportBot.Storage.Tables;

namespace SupportBot.Storage.Subscriptions;

/// <summary>
/// A row of the <c>Subscriptions</c> table. PartitionKey = the tenant (the organisation's verified Microsoft 365 tenant,
/// key-encoded), RowKey = <c>sub|</c> + SHA-256 of the person's id for a subscription, or <c>digest|</c> + that hash +
/// <c>|</c> + the content version hash for a digest claim. <see cref="PersonKey"/> (the hash) lets erasure find every row
/// of a person in every tenant; the person's id itself is kept on the subscription only, to send to them.
/// </summary>
public sealed class SubscriptionEntity : TableRow
{
    public const string SubscriptionPrefix = "sub|";
    public const string DigestPrefix = "digest|";

    public string PersonKey { get; set; } = string.Empty;

    /// <summary>The tenant id as Teams sends it (the partition key is its encoded form).</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Subscription only: who to send to (Entra object id).</summary>
    public string? PersonId { get; set; }

    /// <summary>Subscription only: "sv" or "en".</summary>
    public string? Language { get; set; }

    public DateTimeOffset? SubscribedAt { get; set; }

    /// <summary>Subscription only: the content versions the person last heard about, as JSON {"Kind:id": version}.</summary>
    public string? SeenVersionsJson { get; set; }

    public string? SeenHash { get; set; }

    /// <summary>Digest claim only: when it was claimed (retention deletes old claims).</summary>
    public DateTimeOffset? ClaimedAt { get; set; }
}

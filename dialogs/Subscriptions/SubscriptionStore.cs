namespace SupportBot.Dialogs.Subscriptions;

/// <summary>
/// A person's subscription to guidance updates for their organisation (the verified tenant they wrote from): the
/// language to write in, and the content versions they last heard about (so a digest names only what changed since).
/// </summary>
public sealed record Subscription(
    string TenantId,
    string PersonId,
    string Language,
    DateTimeOffset SubscribedAt,
    IReadOnlyDictionary<string, int> SeenVersions,
    string SeenHash)
{
    /// <summary>The stored row's ETag (null before it is stored): the seen versions are replaced only over it.</summary>
    public string? ETag { get; init; }
}

public enum SubscribeOutcome
{
    Added,
    AlreadySubscribed,
}

/// <summary>Subscriptions and the digest claims that make a digest go out at most once per person and content version set.</summary>
public interface ISubscriptionStore
{
    /// <summary>Stores the subscription unless the person already has one in that tenant (insert-if-absent: nothing is overwritten).</summary>
    Task<SubscribeOutcome> SubscribeAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>Ends the person's subscription in the tenant; false when there was none.</summary>
    Task<bool> UnsubscribeAsync(string tenantId, string personId, CancellationToken cancellationToken);

    Task<int> CountAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Every subscription, of every tenant (the caller skips tenants that are no longer onboarded).</summary>
    Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims the digest for this person and content version set (insert-if-absent). True for the one caller that gets
    /// it, whichever bot instance it runs in; false when it was claimed before.
    /// </summary>
    Task<bool> ClaimDigestAsync(string tenantId, string personId, string versionHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives a claim back after a send that failed for good reasons of the network, so the next start tries again.</summary>
    Task ReleaseDigestAsync(string tenantId, string personId, string versionHash, CancellationToken cancellationToken);

    /// <summary>Records the versions the person now knows of, guarded by the subscription's ETag; false when it changed or went meanwhile.</summary>
    Task<bool> MarkSeenAsync(Subscription subscription, IReadOnlyDictionary<string, int> versions, string versionHash, CancellationToken cancellationToken);

    /// <summary>Deletes every subscription and digest claim of the person, in every tenant (erasure). Returns the rows deleted.</summary>
    Task<int> EraseAsync(string personId, CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes subscriptions (with their claims) in tenants that are no longer onboarded, and digest claims
    /// made before <paramref name="cutoff"/>. Returns the rows deleted.
    /// </summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset cutoff, Func<string, bool> isOnboarded, CancellationToken cancellationToken);
}

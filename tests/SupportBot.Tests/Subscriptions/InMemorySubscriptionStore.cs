using System.Collections.Concurrent;
using SupportBot.Dialogs.Subscriptions;

namespace SupportBot.Tests;

/// <summary>Subscriptions in memory for unit tests, with the repository's rules: insert-if-absent for subscriptions and claims, ETag-guarded marks.</summary>
public sealed class InMemorySubscriptionStore : ISubscriptionStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Person), Subscription> _subscriptions = new();
    private readonly ConcurrentDictionary<(string Tenant, string Person, string Hash), DateTimeOffset> _claims = new();
    private int _etag;

    public IReadOnlyCollection<(string Tenant, string Person, string Hash)> Claims => [.. _claims.Keys];

    public Task<SubscribeOutcome> SubscribeAsync(Subscription subscription, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptions.TryAdd((subscription.TenantId, subscription.PersonId), subscription with { ETag = NextETag() })
            ? SubscribeOutcome.Added
            : SubscribeOutcome.AlreadySubscribed);

    public Task<bool> UnsubscribeAsync(string tenantId, string personId, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptions.TryRemove((tenantId, personId), out _));

    public Task<int> CountAsync(string tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptions.Keys.Count(k => k.Tenant == tenantId));

    public Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Subscription>>([.. _subscriptions.Values]);

    public Task<bool> ClaimDigestAsync(string tenantId, string personId, string versionHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_claims.TryAdd((tenantId, personId, versionHash), now));

    public Task ReleaseDigestAsync(string tenantId, string personId, string versionHash, CancellationToken cancellationToken)
    {
        _claims.TryRemove((tenantId, personId, versionHash), out _);
        return Task.CompletedTask;
    }

    public Task<bool> MarkSeenAsync(Subscription subscription, IReadOnlyDictionary<string, int> versions, string versionHash, CancellationToken cancellationToken)
    {
        var key = (subscription.TenantId, subscription.PersonId);
        var updated = subscription with { SeenVersions = versions, SeenHash = versionHash, ETag = NextETag() };
        return Task.FromResult(_subscriptions.TryGetValue(key, out var current) && current.ETag == subscription.ETag && _subscriptions.TryUpdate(key, updated, current));
    }

    public Task<int> EraseAsync(string personId, CancellationToken cancellationToken)
    {
        var removed = _subscriptions.Keys.Where(k => k.Person == personId).Count(k => _subscriptions.TryRemove(k, out _))
            + _claims.Keys.Where(k => k.Person == personId).Count(k => _claims.TryRemove(k, out _));
        return Task.FromResult(removed);
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset cutoff, Func<string, bool> isOnboarded, CancellationToken cancellationToken)
    {
        var removed = _subscriptions.Keys.Where(k => !isOnboarded(k.Tenant)).Count(k => _subscriptions.TryRemove(k, out _))
            + _claims.Where(c => !isOnboarded(c.Key.Tenant) || c.Value < cutoff).Count(c => _claims.TryRemove(c.Key, out _));
        return Task.FromResult(removed);
    }

    /// <summary>Stores a subscription as it would be read back (for tests that start from stored state).</summary>
    public Subscription Put(Subscription subscription)
    {
        var stored = subscription with { ETag = NextETag() };
        _subscriptions[(subscription.TenantId, subscription.PersonId)] = stored;
        return stored;
    }

    private string NextETag() => "W/" + Interlocked.Increment(ref _etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.Subscriptions;

/// <summary>
/// Subscriptions to guidance updates and digest claims in Table Storage, one partition per tenant. Subscribing and
/// claiming are inserts that fail on an existing row (so two bot instances never both win); the seen versions are
/// replaced over the ETag they were read with; erasure and retention delete unconditionally (what was written meanwhile
/// belongs to the same person or tenant).
/// </summary>
/// <param name="tenants">Retention deletes the subscriptions of tenants no longer onboarded; without it every tenant counts as onboarded.</param>
public sealed class SubscriptionRepository(TableServiceClient tables, TenantDirectory? tenants = null) : TableOwner(tables, StoredTables.Subscriptions), ISubscriptionStore, IPersonalDataTable
{
    private const int MaxBatch = 100;

    public async Task<SubscribeOutcome> SubscribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentException.ThrowIfNullOrWhiteSpace(subscription.TenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(subscription.PersonId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Table.AddEntityAsync(ToEntity(subscription), cancellationToken).ConfigureAwait(false);
            return SubscribeOutcome.Added;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return SubscribeOutcome.AlreadySubscribed;
        }
    }

    public async Task<bool> UnsubscribeAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // DeleteEntityAsync answers a missing row with 404 instead of throwing.
        var response = await Table.DeleteEntityAsync(TenantKey(tenantId), SubscriptionEntity.SubscriptionPrefix + KeyHash.Of(personId), ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    public async Task<int> CountAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = TenantKey(tenantId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {SubscriptionEntity.SubscriptionPrefix} and RowKey lt {"sub}"}");
        var count = 0;
        await foreach (var unused in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    public async Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {SubscriptionEntity.SubscriptionPrefix} and RowKey lt {"sub}"}");
        var rows = new List<Subscription>();
        await foreach (var row in Table.QueryAsync<SubscriptionEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(FromEntity(row));
        }

        return rows;
    }

    public async Task<bool> ClaimDigestAsync(string tenantId, string personId, string versionHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentException.ThrowIfNullOrWhiteSpace(versionHash);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var claim = new SubscriptionEntity
        {
            PartitionKey = TenantKey(tenantId),
            RowKey = DigestKey(personId, versionHash),
            PersonKey = KeyHash.Of(personId),
            TenantId = tenantId,
            ClaimedAt = now,
        };
        try
        {
            await Table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task ReleaseDigestAsync(string tenantId, string personId, string versionHash, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // A claim already gone (erasure, retention) answers 404 without throwing: nothing to give back.
        await Table.DeleteEntityAsync(TenantKey(tenantId), DigestKey(personId, versionHash), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> MarkSeenAsync(Subscription subscription, IReadOnlyDictionary<string, int> versions, string versionHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(versions);
        if (string.IsNullOrEmpty(subscription.ETag))
        {
            throw new ArgumentException("Only a stored subscription (with its ETag) can be marked seen.", nameof(subscription));
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Table.UpdateEntityAsync(ToEntity(subscription with { SeenVersions = versions, SeenHash = versionHash }), new ETag(subscription.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Unsubscribed, re-subscribed or marked by another instance meanwhile: the claim already keeps the digest single.
            return false;
        }
    }

    async Task<RowCounts> IPersonalDataTable.EraseAsync(PersonRef person, CancellationToken cancellationToken) =>
        RowCounts.Of(RowKinds.Subscriptions, await EraseAsync(person.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>Subscriptions are standing consent and do not expire by age; those of tenants that left go, and old digest claims.</summary>
    async Task<RowCounts> IPersonalDataTable.SweepAsync(RetentionRun run, CancellationToken cancellationToken) =>
        RowCounts.Of(RowKinds.Subscriptions, await DeleteExpiredAsync(run.Cutoff, tenant => tenants?.IsOnboarded(tenant) ?? true, cancellationToken).ConfigureAwait(false));

    public async Task<int> EraseAsync(string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await DeleteWhereAsync(TableClient.CreateQueryFilter($"PersonKey eq {KeyHash.Of(personId)}"), _ => true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset cutoff, Func<string, bool> isOnboarded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isOnboarded);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await DeleteWhereAsync(
            null,
            row => !isOnboarded(row.GetString("TenantId") ?? string.Empty)
                || (row.RowKey.StartsWith(SubscriptionEntity.DigestPrefix, StringComparison.Ordinal) && row.GetDateTimeOffset("ClaimedAt") is { } claimed && claimed < cutoff),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partition of a tenant: its id, encoded so that any id is a valid key.</summary>
    internal static string TenantKey(string tenantId) => TableKeyEncoder.Encode(tenantId.Trim().ToLowerInvariant());

    private static string DigestKey(string personId, string versionHash) =>
        $"{SubscriptionEntity.DigestPrefix}{KeyHash.Of(personId)}|{versionHash}";

    private async Task<int> DeleteWhereAsync(string? filter, Func<TableEntity, bool> selected, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "TenantId", "ClaimedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (selected(row))
            {
                rows.Add(row);
            }
        }

        foreach (var batch in rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(MaxBatch)))
        {
            await Table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    private static SubscriptionEntity ToEntity(Subscription subscription) => new()
    {
        PartitionKey = TenantKey(subscription.TenantId),
        RowKey = SubscriptionEntity.SubscriptionPrefix + KeyHash.Of(subscription.PersonId),
        PersonKey = KeyHash.Of(subscription.PersonId),
        TenantId = subscription.TenantId,
        PersonId = subscription.PersonId,
        Language = subscription.Language,
        SubscribedAt = subscription.SubscribedAt,
        SeenVersionsJson = JsonSerializer.Serialize(subscription.SeenVersions),
        SeenHash = subscription.SeenHash,
    };

    private static Subscription FromEntity(SubscriptionEntity entity) => new(
        entity.TenantId,
        entity.PersonId ?? string.Empty,
        entity.Language ?? "sv",
        entity.SubscribedAt ?? DateTimeOffset.MinValue,
        string.IsNullOrEmpty(entity.SeenVersionsJson) ? new Dictionary<string, int>() : JsonSerializer.Deserialize<Dictionary<string, int>>(entity.SeenVersionsJson) ?? [],
        entity.SeenHash ?? string.Empty)
    {
        ETag = entity.ETag.ToString(),
    };
}

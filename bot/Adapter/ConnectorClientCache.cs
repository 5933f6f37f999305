using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using SupportBot.Bot.Authentication;

namespace SupportBot.Bot.Adapter;

/// <summary>
/// The connector clients (and user token clients) of the SDK, created once per tenant, bot identity, service URL and
/// audience and then shared by every turn, instead of new ones per turn: the SDK's <c>CloudAdapter</c> builds both
/// clients for every activity, and each construction compiles regular expressions for its user agent and creates its
/// own serializer settings and HTTP handler (≈ 130 KB and a new connection pool per turn in the load tool). The clients
/// are safe to share: they hold no per-turn state, and their credentials request and refresh tokens per call.
/// The SDK disposes what it gets after the turn, so it gets wrappers that leave the shared client open.
/// </summary>
public sealed class ConnectorClientCache
{
    /// <summary>
    /// Service URLs are Teams' own (<c>ServiceUrlPolicy</c>) and tenants the organisations served, so the key space is
    /// small; the bound only stops an unexpected key space from growing the cache: beyond it, clients are per turn again.
    /// </summary>
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, IConnectorClient> _connectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserTokenClient> _userTokens = new(StringComparer.Ordinal);

    public int Count => _connectors.Count + _userTokens.Count;

    /// <summary>The shared connector client for this key, created by <paramref name="create"/> the first time.</summary>
    public Task<IConnectorClient> ConnectorAsync(string key, Func<Task<IConnectorClient>> create) =>
        SharedAsync(_connectors, key, create, client => new SharedConnectorClient(client));

    /// <summary>The shared user token client for this key, created by <paramref name="create"/> the first time.</summary>
    public Task<UserTokenClient> UserTokenAsync(string key, Func<Task<UserTokenClient>> create) =>
        SharedAsync(_userTokens, key, create, client => new SharedUserTokenClient(client));

    /// <summary>The kept client for <paramref name="key"/> in its wrapper that leaves it open; beyond the bound, a client for this turn only.</summary>
    private async Task<TClient> SharedAsync<TClient>(ConcurrentDictionary<string, TClient> clients, string key, Func<Task<TClient>> create, Func<TClient, TClient> share)
        where TClient : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        if (clients.TryGetValue(key, out var cached))
        {
            return share(cached);
        }

        var created = await create().ConfigureAwait(false);
        if (Count >= MaxEntries)
        {
            // Not kept: the SDK disposes it after the turn, as it would without this cache.
            return created;
        }

        var kept = clients.GetOrAdd(key, created);
        if (!ReferenceEquals(kept, created))
        {
            // Two turns created one at the same moment: keep the first, close the other.
            created.Dispose();
        }

        return share(kept);
    }

    /// <summary>
    /// What a client depends on besides the service URL and audience: the conversation's tenant (credentials are
    /// requested from it, see <see cref="TenantCredentialsFactory"/>) and the bot identity in the claims.
    /// </summary>
    public static string KeyOf(ClaimsIdentity? claims, params string?[] parts)
    {
        var identity = claims is null
            ? string.Empty
            : string.Join('\u001f', claims.Claims
                .Where(c => c.Type is AuthenticationConstants.AudienceClaim or AuthenticationConstants.AppIdClaim or AuthenticationConstants.AuthorizedParty or AuthenticationConstants.VersionClaim)
                .Select(c => c.Type + "=" + c.Value));
        return string.Join('\u001e', [ConversationTenant.Current ?? string.Empty, identity, .. parts]);
    }
}

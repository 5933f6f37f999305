using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace SupportBot.Bot.Adapter;

/// <summary>
/// The SDK's authentication as configured, with the clients it creates for each turn (connector, user token) taken
/// from a <see cref="ConnectorClientCache"/>. Authentication itself (validating each request's token) is unchanged.
/// </summary>
public sealed class CachingBotFrameworkAuthentication(BotFrameworkAuthentication inner, ConnectorClientCache cache) : BotFrameworkAuthentication
{
    private readonly BotFrameworkAuthentication _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly ConnectorClientCache _cache = cache ?? throw new ArgumentNullException(nameof(cache));

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await _inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Caching(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await _inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Caching(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        Caching(_inner.CreateConnectorFactory(claimsIdentity), claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        _cache.UserTokenAsync(ConnectorClientCache.KeyOf(claimsIdentity), () => _inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken));

    public override BotFrameworkClient CreateBotFrameworkClient() => _inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => _inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private ConnectorFactory Caching(ConnectorFactory factory, ClaimsIdentity claims) =>
        factory is null or CachingConnectorFactory ? factory! : new CachingConnectorFactory(factory, claims, _cache);

    private sealed class CachingConnectorFactory(ConnectorFactory inner, ClaimsIdentity claims, ConnectorClientCache cache) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            cache.ConnectorAsync(
                ConnectorClientCache.KeyOf(claims, serviceUrl, audience),
                () => inner.CreateAsync(serviceUrl, audience, cancellationToken));
    }
}

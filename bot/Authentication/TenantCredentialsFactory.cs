using System.Collections.Concurrent;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Rest;
using SupportBot.Bot.Options;

namespace SupportBot.Bot.Authentication;

/// <summary>
/// The bot's credentials, requested from the tenant of the conversation at hand (<see cref="ConversationTenant.Current"/>),
/// else from the configured <c>MicrosoftAppTenantId</c>. One app registration, consented in each organisation's
/// tenant, serves them all; a token from the bot's home tenant alone cannot reach a conversation in another one.
/// Each tenant gets its own SDK factory (a secret, or federated credentials when <c>MicrosoftAppClientId</c> is set),
/// created once and kept.
/// </summary>
public sealed class TenantCredentialsFactory : ServiceClientCredentialsFactory
{
    private readonly ConcurrentDictionary<string, ServiceClientCredentialsFactory> _byTenant = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string?, ServiceClientCredentialsFactory> _createForTenant;
    private readonly string? _defaultTenantId;

    public TenantCredentialsFactory(BotCredentialsOptions options, ILogger<TenantCredentialsFactory> logger)
        : this(DefaultTenant(options), tenantId => ForTenant(options, tenantId, logger))
    {
    }

    /// <summary>For tests: <paramref name="createForTenant"/> makes the inner factory of one tenant (null = the default).</summary>
    internal TenantCredentialsFactory(string? defaultTenantId, Func<string?, ServiceClientCredentialsFactory> createForTenant)
    {
        ArgumentNullException.ThrowIfNull(createForTenant);
        _defaultTenantId = string.IsNullOrWhiteSpace(defaultTenantId) ? null : defaultTenantId.Trim();
        _createForTenant = createForTenant;
    }

    /// <summary>The tenant whose token the next credentials are for: the conversation's, else the configured one.</summary>
    internal string? CurrentTenantId =>
        // Only a GUID is a tenant id; anything else (a typo, a crafted value) must not grow the cache or reach Entra.
        ConversationTenant.Current is { } tenant && Guid.TryParse(tenant, out _) ? tenant : _defaultTenantId;

    /// <summary>The SDK factory for one tenant, as configured: federated credentials when a client id is set, else the secret.</summary>
    public static ServiceClientCredentialsFactory ForTenant(BotCredentialsOptions options, string? tenantId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsAnonymous)
        {
            throw new InvalidOperationException("No MicrosoftAppId: anonymous mode has no credentials to request.");
        }

        // No HttpClient: the SDK's credentials then use their own, as with its configuration-based factory.
        return options.IsFederated
            ? new FederatedServiceClientCredentialsFactory(options.MicrosoftAppId, options.MicrosoftAppClientId, tenantId, null, logger)
            : new PasswordServiceClientCredentialFactory(options.MicrosoftAppId, options.MicrosoftAppPassword, tenantId, null, logger);
    }

    public override Task<bool> IsValidAppIdAsync(string appId, CancellationToken cancellationToken) =>
        Inner(_defaultTenantId).IsValidAppIdAsync(appId, cancellationToken);

    public override Task<bool> IsAuthenticationDisabledAsync(CancellationToken cancellationToken) =>
        Inner(_defaultTenantId).IsAuthenticationDisabledAsync(cancellationToken);

    public override Task<ServiceClientCredentials> CreateCredentialsAsync(string appId, string audience, string loginEndpoint, bool validateAuthority, CancellationToken cancellationToken) =>
        Inner(CurrentTenantId).CreateCredentialsAsync(appId, audience, loginEndpoint, validateAuthority, cancellationToken);

    private ServiceClientCredentialsFactory Inner(string? tenantId) =>
        _byTenant.GetOrAdd(tenantId ?? string.Empty, key => _createForTenant(key.Length == 0 ? null : key));

    private static string? DefaultTenant(BotCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MicrosoftAppTenantId;
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;

namespace SupportBot.Bot.Health;

/// <summary>"app-secret" (only meaningful with a secret; federated and managed-identity credentials have none): Degraded within 30 days of the configured expiry and after it (see <see cref="AppSecretStatus.HealthStatus"/>).</summary>
public sealed class AppSecretHealthCheck(IOptions<BotCredentialsOptions> credentials, TimeProvider time) : IHealthCheck
{
    public const string Name = "app-secret";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = credentials.Value;
        if (options.IsFederated || options.IsManagedIdentityApp)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No app secret: the bot signs in with its managed identity."));
        }

        var status = AppSecretExpiry.Evaluate(options.PasswordExpiresOn, time.GetUtcNow());
        return Task.FromResult(new HealthCheckResult(status.HealthStatus, status.Description));
    }
}

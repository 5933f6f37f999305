using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;

namespace SupportBot.Bot.Health;

/// <summary>"app-secret": Degraded within 30 days of the configured expiry and after it (see <see cref="AppSecretStatus.HealthStatus"/>).</summary>
public sealed class AppSecretHealthCheck(IOptions<BotCredentialsOptions> credentials, TimeProvider time) : IHealthCheck
{
    public const string Name = "app-secret";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = AppSecretExpiry.Evaluate(credentials.Value.PasswordExpiresOn, time.GetUtcNow());
        return Task.FromResult(new HealthCheckResult(status.HealthStatus, status.Description));
    }
}

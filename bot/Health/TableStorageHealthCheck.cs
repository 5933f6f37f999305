using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportBot.Storage.Tables;

namespace SupportBot.Bot.Health;

/// <summary>Healthy when Table Storage answers a cheap query (one round trip, no data read).</summary>
public sealed class TableStorageHealthCheck(TableStorageProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        return result.Healthy ? HealthCheckResult.Healthy(result.Description) : HealthCheckResult.Unhealthy(result.Description);
    }
}

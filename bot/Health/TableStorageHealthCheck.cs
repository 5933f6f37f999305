using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Bot.Health;

/// <summary>Healthy when Table Storage answers a cheap query (one round trip, no data read).</summary>
public sealed class TableStorageHealthCheck(TableServiceClient tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var page in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
            {
                _ = page;
                break;
            }

            return HealthCheckResult.Healthy("Table Storage answers.");
        }
        catch (RequestFailedException ex)
        {
            return HealthCheckResult.Unhealthy($"Table Storage answered {ex.Status}.");
        }
        catch (Exception ex) when (ex is AggregateException or HttpRequestException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Table Storage does not answer.");
        }
    }
}

using Azure;
using Azure.Data.Tables;

namespace SupportBot.Storage.Tables;

/// <summary>Whether Table Storage answers, and a one-line description without keys, URIs or account names.</summary>
public sealed record ProbeResult(bool Healthy, string Description);

/// <summary>Asks Table Storage a cheap question (one round trip, no data read), for the host's health check.</summary>
public sealed class TableStorageProbe(TableServiceClient tables)
{
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
            {
                _ = page;
                break;
            }

            return new ProbeResult(true, "Table Storage answers.");
        }
        catch (RequestFailedException ex)
        {
            return new ProbeResult(false, $"Table Storage answered {ex.Status}.");
        }
        catch (Exception ex) when (ex is AggregateException or HttpRequestException or OperationCanceledException or TimeoutException)
        {
            return new ProbeResult(false, "Table Storage does not answer.");
        }
    }
}

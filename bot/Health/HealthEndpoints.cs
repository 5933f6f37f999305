using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SupportBot.Bot.Health;

/// <summary>
/// <c>/healthz</c> for anyone (App Service's health check, load balancers): "Healthy" (200) or "Unhealthy" (503) and
/// nothing else — no dates, no component names. <c>/healthz/details</c> (each check's status and description, such as
/// the app secret's expiry) only from the instance itself or with the configured key; anyone else gets 404.
/// Both read one cached report (<see cref="HealthOptions.ProbeCacheSeconds"/>), so probes cannot be used to load storage.
/// </summary>
public static class HealthEndpoints
{
    public const string DetailsKeyHeader = "X-Health-Key";

    public static IServiceCollection AddSupportBotHealth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CachedHealthReport>();
        return services;
    }

    public static IEndpointRouteBuilder MapSupportBotHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", async (HttpContext http, CachedHealthReport health) =>
        {
            var report = await health.GetAsync(http.RequestAborted).ConfigureAwait(false);
            var healthy = report.Status != HealthStatus.Unhealthy;
            http.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain";
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsync(healthy ? "Healthy" : "Unhealthy", http.RequestAborted).ConfigureAwait(false);
        });
        endpoints.MapGet("/healthz/details", async (HttpContext http, CachedHealthReport health, IOptions<HealthOptions> options) =>
        {
            if (!MayReadDetails(http, options.Value.DetailsKey))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var report = await health.GetAsync(http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            http.Response.Headers.CacheControl = "no-store";
            await HealthResponse.WriteAsync(http, report).ConfigureAwait(false);
        });
        return endpoints;
    }

    /// <summary>From this machine (no proxy in between), or with the configured key compared in constant time.</summary>
    internal static bool MayReadDetails(HttpContext http, string configuredKey)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && System.Net.IPAddress.IsLoopback(remote) && !http.Request.Headers.ContainsKey("X-Forwarded-For"))
        {
            return true;
        }

        if (string.IsNullOrEmpty(configuredKey) || http.Request.Headers[DetailsKeyHeader] is not [{ } given])
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configuredKey)));
    }
}

/// <summary>The last health report, reused for <see cref="HealthOptions.ProbeCacheSeconds"/>; one probe at a time.</summary>
public sealed class CachedHealthReport(HealthCheckService checks, IOptions<HealthOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HealthReport? _last;
    private DateTimeOffset _takenAt;

    public async Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromSeconds(options.Value.ProbeCacheSeconds);
        if (Fresh(maxAge) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(maxAge) is { } other)
            {
                return other; // another caller probed while this one waited
            }

            var report = await checks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
            (_last, _takenAt) = (report, time.GetUtcNow());
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private HealthReport? Fresh(TimeSpan maxAge) =>
        maxAge > TimeSpan.Zero && _last is { } last && time.GetUtcNow() - _takenAt < maxAge ? last : null;
}

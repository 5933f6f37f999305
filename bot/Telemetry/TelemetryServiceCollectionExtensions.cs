using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SupportBot.Bot.Health;

namespace SupportBot.Bot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "SupportBot";

    /// <summary>
    /// What an operator watches: OpenTelemetry traces, metrics and logs (exported to Azure Monitor only when a
    /// connection string is configured; collected but not exported otherwise), the bot's own metrics, and the app
    /// secret's expiry (a daily log line and the "app-secret" health check).
    /// </summary>
    public static IServiceCollection AddSupportBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<SupportBotMetrics>();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<TelemetryPseudonyms>();
        services.AddSingleton<LogScrubbing>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.RecordException = false;
                    // App Service probes /healthz every minute: noise, not traffic.
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase);
                })
                .AddHttpClientInstrumentation(o => o.RecordException = false)
                .AddProcessor(new TelemetryRedaction()))
            .WithMetrics(metrics => metrics
                .AddMeter(SupportBotMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            // First in the log pipeline, so every exporter added after it sees only scrubbed records.
            .WithLogging(logging => logging.AddProcessor(sp => sp.GetRequiredService<LogScrubbing>()), configureOptions: o =>
            {
                // Exported log records carry the message template and its named values, never a rendered message or scopes.
                o.IncludeFormattedMessage = false;
                o.IncludeScopes = false;
            });

        // HttpClient's own log lines contain whole request URIs (Table Storage keys, conversation ids).
        services.AddLogging(logging => logging.AddFilter<OpenTelemetryLoggerProvider>("System.Net.Http", LogLevel.Warning));

        if (AzureMonitorConnectionString(configuration) is { } connectionString)
        {
            void Configure(AzureMonitorExporterOptions o)
            {
                o.ConnectionString = connectionString;
                // Live Metrics can stream log messages and exception details; not wanted here.
                o.EnableLiveMetrics = false;

                // Application Insights with local authentication off (infra/main.bicep) takes Entra tokens only: the
                // app's identity holds Monitoring Metrics Publisher on it.
                if (configuration.GetValue<bool>("ApplicationInsights:UseEntraAuthentication"))
                {
                    var clientId = configuration["Storage:ManagedIdentityClientId"];
                    o.Credential = new Azure.Identity.DefaultAzureCredential(new Azure.Identity.DefaultAzureCredentialOptions
                    {
                        ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim(),
                    });
                }
            }

            telemetry
                .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(Configure))
                .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(Configure))
                .WithLogging(logging => logging.AddAzureMonitorLogExporter(Configure));
        }

        services.AddHostedService<AppSecretExpiryMonitor>();
        services.AddHealthChecks().AddCheck<AppSecretHealthCheck>(AppSecretHealthCheck.Name);
        return services;
    }

    /// <summary><c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (as App Service sets it), else <c>ApplicationInsights:ConnectionString</c>; null when neither is set.</summary>
    public static string? AzureMonitorConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration["ApplicationInsights:ConnectionString"];
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}

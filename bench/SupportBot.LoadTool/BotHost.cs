using System.Net;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Testing;

namespace SupportBot.LoadTool;

/// <summary>What a host answers turns with.</summary>
public enum HostKind
{
    /// <summary>The bot as it ships: its activity handler, Table Storage, background senders.</summary>
    Bot,

    /// <summary>
    /// The SDK floor: the same Program, endpoint guard and adapter, but an echo bot with the SDK's MemoryStorage.
    /// Composed only here, in the load tool; the bot has no echo mode.
    /// </summary>
    Echo,
}

/// <summary>
/// The bot's own <c>Program</c> in this process on a real Kestrel socket (not TestServer), so that the load goes
/// through sockets, HTTP parsing and the whole pipeline as in production, while this process can count each turn's
/// Table requests (a pipeline policy on the shared <see cref="TableServiceClient"/>) and read the GC's counters.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly string _storageConnectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly HostKind _kind;

    public BotHost(HostKind kind, string storageConnectionString, IReadOnlyDictionary<string, string?> settings)
    {
        _kind = kind;
        _storageConnectionString = storageConnectionString;
        _settings = settings;
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    public Uri BaseAddress { get; }

    public TurnMeter Meter { get; } = new();

    public ErrorLog Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Anonymous local mode (no app id) starts only in Development; the load tool talks to the bot over loopback.
        builder.UseEnvironment("Development");

        // WebApplicationFactory looks for its content-root manifest in the working directory, which is the output
        // folder under a test runner but not under `dotnet run`; the bot needs nothing from its content root.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Storage:ConnectionString", _storageConnectionString);

        // Information-level logs to the console would cost more than some turns; errors are still counted.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new MeteringStartupFilter(Meter));
            services.AddSingleton<ILoggerProvider>(Errors);
            var options = TableClients.DefaultOptions();
            options.AddPolicy(Meter, HttpPipelinePosition.PerRetry);
            services.AddSingleton(TableClients.FromConnectionString(_storageConnectionString, options));
            if (_kind == HostKind.Echo)
            {
                services.RemoveAll<IStorage>();
                services.AddSingleton<IStorage>(new MemoryStorage());
                services.RemoveAll<IBot>();
                services.AddSingleton<IBot, EchoBot>();

                // The SDK's own adapter: ours adds deduplication (a Table request per turn), which is the bot's cost, not the SDK's.
                services.RemoveAll<IBotFrameworkHttpAdapter>();
                services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(
                    sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));

                // The outbox, deadline and demo services belong to the Table-backed bot, not to an echo turn.
                services.RemoveAll<IHostedService>();
            }
        });
    }

    /// <summary>Opens a scope per <c>/api/messages</c> request named by the load generator, and tallies it when the response is done.</summary>
    private sealed class MeteringStartupFilter(TurnMeter meter) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                var kind = context.Request.Headers[TurnMeter.KindHeader].ToString();
                if (kind.Length == 0)
                {
                    await nextMiddleware(context);
                    return;
                }

                var scope = TurnMeter.Begin();
                await nextMiddleware(context);
                meter.End(kind, scope);
            });
            next(app);
        };
    }
}

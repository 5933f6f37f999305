using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SupportBot.Testing;

namespace SupportBot.LoadTool;

/// <summary>
/// Stands in for Teams' Bot Connector (the service URL) so that the bot's proactive messages — adviser notifications,
/// "your case was taken" — are delivered and answered as Teams would, instead of failing and retrying against the
/// internet during a run. It accepts every send and update and counts them.
/// </summary>
public sealed class StubConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _sends;
    private long _next;

    private StubConnector(WebApplication app, Uri serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
    }

    public Uri ServiceUrl { get; }

    /// <summary>Messages and updates the bot sent proactively so far.</summary>
    public long Sends => Interlocked.Read(ref _sends);

    public static async Task<StubConnector> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var connector = new StubConnector(app, new Uri($"http://127.0.0.1:{port}/"));

        // New 1:1 conversation, send, reply and update: each answers with the ids Teams would give.
        app.MapPost("/v3/conversations", () => Results.Json(new { id = "a:stub-" + connector.NextId(), activityId = connector.Sent() }));
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyTo}", () => Results.Json(new { id = connector.Sent() }));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string activityId) =>
        {
            connector.Sent();
            return Results.Json(new { id = activityId });
        });
        app.MapFallback(() => Results.Json(new { }));
        await app.StartAsync();
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string NextId() => Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Sent()
    {
        Interlocked.Increment(ref _sends);
        return "stub-" + NextId();
    }
}

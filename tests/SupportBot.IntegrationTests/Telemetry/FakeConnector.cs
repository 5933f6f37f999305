using System.Collections.Concurrent;
using System.Net;
using System.Text;
using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Telemetry;

/// <summary>
/// Stands in for the Bot Connector that proactive messages go to (the service URL of a stored conversation
/// reference): accepts every send and update and remembers the request paths.
/// </summary>
public sealed class FakeConnector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;

    public FakeConnector()
    {
        var port = FreePort.Next();
        ServiceUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(ServiceUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string ServiceUrl { get; }

    /// <summary>"POST /v3/conversations/{id}/activities" and the like, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync: that is how the loop ends.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _requests.Enqueue(context.Request.HttpMethod + " " + context.Request.Url!.AbsolutePath);
            var body = Encoding.UTF8.GetBytes("{\"id\":\"1:" + Guid.NewGuid().ToString("N") + "\"}");
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}

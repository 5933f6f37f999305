using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SupportBot.LoadTool;

/// <summary>Posts activities to one host's <c>/api/messages</c> over a pooled socket client, timing each turn.</summary>
public sealed class BotClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly Uri _messages;

    public BotClient(Uri baseAddress)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _messages = new Uri(baseAddress, "api/messages");
    }

    /// <summary>
    /// One turn: the response body when the bot answered 200 with <paramref name="expect"/> in it (a card, a case
    /// number, the echo), else null and the failure recorded.
    /// </summary>
    public async Task<byte[]?> TurnAsync(Phase phase, string kind, byte[] activity, string expect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        using var content = new ByteArrayContent(activity);
        content.Headers.ContentType = s_json;
        using var request = new HttpRequestMessage(HttpMethod.Post, _messages) { Content = content };
        request.Headers.Add(TurnMeter.KindHeader, kind);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var end = Stopwatch.GetTimestamp();
            var ok = response.StatusCode == HttpStatusCode.OK && body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(expect)) >= 0;
            phase.Record(kind, start, end, ok, ok ? null : $"HTTP {(int)response.StatusCode}, no \"{expect}\" in {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)))}");
            return ok ? body : null;
        }
        catch (HttpRequestException ex)
        {
            phase.Record(kind, start, Stopwatch.GetTimestamp(), ok: false, ex.Message);
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}

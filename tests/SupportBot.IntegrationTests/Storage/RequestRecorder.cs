using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SupportBot.IntegrationTests.Storage;

/// <summary>
/// Records every request a Table client sends (method and path, after retries) and how many were in flight at
/// once, so tests can count round trips and see that they run in parallel.
/// </summary>
public sealed class RequestRecorder : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _requests = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Holds each request this long before sending it, so parallel requests overlap measurably.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<string> Requests => [.. _requests];

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void Reset()
    {
        _requests.Clear();
        Volatile.Write(ref _maxInFlight, 0);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        _requests.Enqueue($"{message.Request.Method} /{Uri.UnescapeDataString(message.Request.Uri.Path).TrimStart('/')}");
        var inFlight = Interlocked.Increment(ref _inFlight);
        int max;
        while (inFlight > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
        {
        }

        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, message.CancellationToken);
            }

            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("TableStorage must not make synchronous calls.");
}

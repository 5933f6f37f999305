using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SupportBot.LoadTool;

/// <summary>
/// Counts Table Storage requests (each retry counts) and charges each to the turn whose request handling sent it:
/// the turn's scope flows through async calls into the Azure pipeline, so counts stay exact at any concurrency.
/// Requests outside any turn (the outbox and deadline senders' polling) are counted as background.
/// </summary>
public sealed class TurnMeter : HttpPipelinePolicy
{
    /// <summary>The request header the load generator names a turn's kind with; the bot never reads it.</summary>
    public const string KindHeader = "X-Load-Turn";

    private static readonly AsyncLocal<TurnScope?> s_current = new();
    private readonly ConcurrentDictionary<string, StorageTally> _tallies = new(StringComparer.Ordinal);
    private long _background;

    public long Background => Interlocked.Read(ref _background);

    public static TurnScope Begin()
    {
        var scope = new TurnScope();
        s_current.Value = scope;
        return scope;
    }

    public void End(string kind, TurnScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _tallies.GetOrAdd(kind, _ => new StorageTally()).Add(scope);
    }

    /// <summary>Storage requests per turn by kind since the last reset.</summary>
    public IReadOnlyDictionary<string, StorageTally> Snapshot() => _tallies.ToDictionary(p => p.Key, p => p.Value.Copy(), StringComparer.Ordinal);

    public void Reset()
    {
        _tallies.Clear();
        Interlocked.Exchange(ref _background, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var scope = Start(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            scope?.Finished();
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var scope = Start(message);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            scope?.Finished();
        }
    }

    private TurnScope? Start(HttpMessage message)
    {
        if (s_current.Value is { } scope)
        {
            scope.Started(message.Request.Method + " " + message.Request.Uri.Path.Split('/', 3)[^1].Split('(')[0]);
            return scope;
        }

        Interlocked.Increment(ref _background);
        return null;
    }
}

/// <summary>
/// One turn's storage requests so far, and how many of them were round trips on the turn's critical path: a request
/// sent while another of the same turn is still in flight (the deduplication claim beside the state read) adds a
/// request but no waiting.
/// </summary>
public sealed class TurnScope
{
    private readonly List<string> _requests = [];
    private int _inFlight;

    public int StorageRequests
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    public int SequentialRoundTrips { get; private set; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    internal void Started(string request)
    {
        lock (_requests)
        {
            _requests.Add(request);
            if (_inFlight++ == 0)
            {
                SequentialRoundTrips++;
            }
        }
    }

    internal void Finished()
    {
        lock (_requests)
        {
            _inFlight--;
        }
    }
}

/// <summary>Storage requests per turn of one kind: how many turns, the total, the fewest and the most.</summary>
public sealed class StorageTally
{
    private readonly Lock _lock = new();

    public long Turns { get; private set; }

    public long Requests { get; private set; }

    public int Min { get; private set; } = int.MaxValue;

    public int Max { get; private set; }

    /// <summary>The most round trips on one turn's critical path (requests in parallel count once).</summary>
    public int MaxSequential { get; private set; }

    public long SequentialSum { get; private set; }

    /// <summary>Turns with at most two round trips on the critical path (a read, then a write; parallel requests beside them).</summary>
    public long AtMostTwoSequential { get; private set; }

    public double MeanSequential => Turns == 0 ? 0 : (double)SequentialSum / Turns;

    /// <summary>The requests of the first turn of this kind, as "METHOD table", for the report.</summary>
    public IReadOnlyList<string> Example { get; private set; } = [];

    public double Mean => Turns == 0 ? 0 : (double)Requests / Turns;

    public void Add(TurnScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var requests = scope.StorageRequests;
        lock (_lock)
        {
            if (Turns == 0)
            {
                Example = scope.Requests;
            }

            Turns++;
            Requests += requests;
            Min = Math.Min(Min, requests);
            Max = Math.Max(Max, requests);
            MaxSequential = Math.Max(MaxSequential, scope.SequentialRoundTrips);
            SequentialSum += scope.SequentialRoundTrips;
            AtMostTwoSequential += scope.SequentialRoundTrips <= 2 ? 1 : 0;
        }
    }

    public StorageTally Copy()
    {
        lock (_lock)
        {
            return new StorageTally { Turns = Turns, Requests = Requests, Min = Min, Max = Max, MaxSequential = MaxSequential, SequentialSum = SequentialSum, AtMostTwoSequential = AtMostTwoSequential, Example = Example };
        }
    }
}

using System.Diagnostics;

namespace SupportBot.LoadTool;

/// <summary>
/// One timed phase: workers run from the start, but only turns that start after the warm-up and end before the
/// deadline are measured; the process's CPU, allocations, collections and working set are read over the same window.
/// </summary>
public sealed class Phase
{
    private readonly long _from;
    private readonly long _to;
    private readonly Dictionary<string, List<double>> _latencies = new(StringComparer.Ordinal);
    private long _conversations;
    private long _failures;
    private string? _firstFailure;

    public Phase(string name, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        Name = name;
        Concurrency = concurrency;
        Duration = duration;
        _from = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        _to = _from + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    }

    public string Name { get; }

    public int Concurrency { get; }

    public TimeSpan Duration { get; }

    public bool IsOver => Stopwatch.GetTimestamp() >= _to;

    public long Failures => Interlocked.Read(ref _failures);

    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>Every measured latency so far, in milliseconds, sorted.</summary>
    public double[] SortedLatencies()
    {
        lock (_latencies)
        {
            return [.. _latencies.Values.SelectMany(l => l).Order()];
        }
    }

    /// <summary>A turn's outcome; a failed turn counts whenever it happened, latencies only inside the window.</summary>
    public void Record(string kind, long start, long end, bool ok, string? failure = null)
    {
        if (!ok)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.CompareExchange(ref _firstFailure, $"{kind}: {failure}", null);
            return;
        }

        if (start < _from || end > _to)
        {
            return;
        }

        lock (_latencies)
        {
            if (!_latencies.TryGetValue(kind, out var list))
            {
                _latencies[kind] = list = [];
            }

            list.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
        }
    }

    /// <summary>A whole conversation (triage, escalation, take) whose last turn ended inside the window.</summary>
    public void ConversationDone(long end)
    {
        if (end >= _from && end <= _to)
        {
            Interlocked.Increment(ref _conversations);
        }
    }

    /// <summary>Runs the workers and reads the process's counters over the measured window.</summary>
    public async Task<PhaseResult> RunAsync(Func<int, Phase, Task> worker, TurnMeter? meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var workers = Enumerable.Range(0, Concurrency).Select(i => Task.Run(() => worker(i, this), cancellationToken)).ToArray();
        await DelayUntilAsync(_from, cancellationToken);
        meter?.Reset();
        var before = ResourceSnapshot.Take();
        long peakWorkingSet = 0;
        using var process = Process.GetCurrentProcess();
        while (Stopwatch.GetTimestamp() < _to)
        {
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        var after = ResourceSnapshot.Take();
        var storage = meter?.Snapshot() ?? new Dictionary<string, StorageTally>();
        var background = meter?.Background ?? 0;
        await Task.WhenAll(workers);

        Dictionary<string, double[]> latencies;
        lock (_latencies)
        {
            latencies = _latencies.ToDictionary(p => p.Key, p => p.Value.Order().ToArray(), StringComparer.Ordinal);
        }

        return new PhaseResult(Name, Concurrency, Duration, latencies, Interlocked.Read(ref _conversations), Interlocked.Read(ref _failures),
            _firstFailure, after.Minus(before), peakWorkingSet, storage, background);
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }
}

/// <summary>Process-wide counters at one instant (this process: the bot host(s) and the load generator).</summary>
public sealed record ResourceSnapshot(long AllocatedBytes, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, MachineCpu Machine)
{
    public static ResourceSnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        return new ResourceSnapshot(GC.GetTotalAllocatedBytes(precise: true), process.TotalProcessorTime,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), MachineCpu.Read());
    }

    public ResourceSnapshot Minus(ResourceSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new ResourceSnapshot(AllocatedBytes - earlier.AllocatedBytes, Cpu - earlier.Cpu, Gen0 - earlier.Gen0, Gen1 - earlier.Gen1,
            Gen2 - earlier.Gen2, new MachineCpu(Machine.Busy - earlier.Machine.Busy, Machine.Total - earlier.Machine.Total));
    }
}

/// <summary>The whole machine's CPU jiffies from /proc/stat (busy and total), to show how saturated the 2 cores were.</summary>
public sealed record MachineCpu(long Busy, long Total)
{
    public double BusyShare => Total == 0 ? double.NaN : (double)Busy / Total;

    public static MachineCpu Read()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path))
        {
            return new MachineCpu(0, 0);
        }

        // "cpu  user nice system idle iowait irq softirq steal ..."
        var fields = File.ReadLines(path).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return new MachineCpu(total - idle, total);
    }
}

/// <summary>What one phase measured.</summary>
public sealed record PhaseResult(
    string Name,
    int Concurrency,
    TimeSpan Duration,
    IReadOnlyDictionary<string, double[]> Latencies,
    long Conversations,
    long Failures,
    string? FirstFailure,
    ResourceSnapshot Resources,
    long PeakWorkingSetBytes,
    IReadOnlyDictionary<string, StorageTally> Storage,
    long BackgroundStorageRequests)
{
    public long Turns => Latencies.Values.Sum(l => (long)l.Length);

    public double TurnsPerSecond => Turns / Duration.TotalSeconds;

    public double ConversationsPerSecond => Conversations / Duration.TotalSeconds;

    public double AllocatedBytesPerTurn => Turns == 0 ? double.NaN : (double)Resources.AllocatedBytes / Turns;

    public double CpuMsPerTurn => Turns == 0 ? double.NaN : Resources.Cpu.TotalMilliseconds / Turns;

    public double Percentile(double p, string? kind = null)
    {
        var values = kind is null ? Latencies.Values.SelectMany(v => v).Order().ToArray() : Latencies.GetValueOrDefault(kind) ?? [];
        return Percentiles.Of(values, p);
    }
}

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of sorted values (NaN when there are none).</summary>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

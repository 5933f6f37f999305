using System.Diagnostics.Tracing;

namespace SupportBot.LoadTool;

/// <summary>
/// The runtime's allocation sampling (an event about every 100 KB allocated, naming the type that crossed the mark),
/// summed by type: where the bytes per turn go, without an external profiler. <c>--allocations</c> prints the top
/// types of each bot phase.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        lock (_bytes)
        {
            _bytes.Clear();
        }

        _recording = true;
    }

    /// <summary>The sampled bytes by type, largest first, since <see cref="Start"/>.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop(int top)
    {
        _recording = false;
        lock (_bytes)
        {
            return [.. _bytes.OrderByDescending(p => p.Value).Take(top).Select(p => (p.Key, p.Value))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!_recording || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.Payload?[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload![amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;

namespace SupportBot.IntegrationTests.Telemetry;

/// <summary>An exported log record as text: what an exporter (Azure Monitor) would send.</summary>
public sealed record ExportedLog(string Category, string? FormattedMessage, IReadOnlyList<string> Texts, bool HasScopes);

/// <summary>Copies each exported log record at export time (log records are pooled and reused afterwards).</summary>
public sealed class SnapshotLogExporter(ConcurrentQueue<ExportedLog> records) : BaseExporter<LogRecord>
{
    public override ExportResult Export(in Batch<LogRecord> batch)
    {
        foreach (var record in batch)
        {
            var texts = new List<string> { record.CategoryName ?? string.Empty, record.Body ?? string.Empty, record.EventId.Name ?? string.Empty };
            foreach (var attribute in record.Attributes ?? [])
            {
                texts.Add(attribute.Key);
                texts.Add(attribute.Value?.ToString() ?? string.Empty);
            }

            if (record.Exception is { } exception)
            {
                texts.Add(exception.ToString());
            }

            var hasScopes = false;
            record.ForEachScope<object?>((_, _) => hasScopes = true, null);
            records.Enqueue(new ExportedLog(record.CategoryName ?? string.Empty, record.FormattedMessage, texts, hasScopes));
        }

        return ExportResult.Success;
    }
}

/// <summary>Every string an exported span carries: its names, tags, events, links' tags and status.</summary>
public static class SpanTexts
{
    public static IEnumerable<string> Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        yield return activity.DisplayName;
        yield return activity.OperationName;
        yield return activity.Source.Name;
        yield return activity.StatusDescription ?? string.Empty;
        foreach (var tag in activity.TagObjects)
        {
            yield return tag.Key;
            yield return tag.Value?.ToString() ?? string.Empty;
        }

        foreach (var item in activity.Baggage)
        {
            yield return item.Key + "=" + item.Value;
        }

        foreach (var e in activity.Events)
        {
            yield return e.Name;
            foreach (var tag in e.Tags)
            {
                yield return tag.Key + "=" + tag.Value;
            }
        }
    }
}

/// <summary>Sums and counts per metric and tag set, from the in-memory metric exporter's snapshots (latest export wins).</summary>
public static class MetricReading
{
    public static IEnumerable<(string Metric, IReadOnlyDictionary<string, string> Tags, double Value)> Points(IEnumerable<MetricSnapshot> snapshots)
    {
        foreach (var metric in snapshots.GroupBy(s => s.Name).Select(g => g.Last()))
        {
            foreach (var point in metric.MetricPoints)
            {
                var tags = new Dictionary<string, string>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value?.ToString() ?? string.Empty;
                }

                double value = metric.MetricType switch
                {
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                    MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                    MetricType.Histogram or MetricType.ExponentialHistogram => point.GetHistogramCount(),
                    MetricType.LongGauge => point.GetGaugeLastValueLong(),
                    MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                    _ => 0,
                };
                yield return (metric.Name, tags, value);
            }
        }
    }
}

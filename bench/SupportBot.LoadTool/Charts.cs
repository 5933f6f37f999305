using ScottPlot;

namespace SupportBot.LoadTool;

/// <summary>Two small PNGs for docs/performance.md: throughput and p99 latency against concurrency, bot and floors.</summary>
public static class Charts
{
    public const string ThroughputFile = "performance-throughput.png";
    public const string LatencyFile = "performance-latency.png";

    public static IReadOnlyList<string> Write(LoadReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        var throughput = Path.Combine(folder, ThroughputFile);
        var latency = Path.Combine(folder, LatencyFile);
        Draw(report, "Turns per second", "turns/s", l => l.Bot.TurnsPerSecond, l => l.Echo.TurnsPerSecond, l => l.Storage.TurnsPerSecond, throughput);
        Draw(report, "p99 turn latency", "ms", l => l.Bot.Percentile(99), l => l.Echo.Percentile(99), l => l.Storage.Percentile(99), latency);
        return [throughput, latency];
    }

    private static void Draw(LoadReport report, string title, string unit, Func<LevelResult, double> bot, Func<LevelResult, double> echo, Func<LevelResult, double> storage, string path)
    {
        var plot = new Plot();

        // Levels evenly spaced (1, 4, 16, 50, 100 are roughly geometric) and labelled with their value.
        double[] xs = [.. Enumerable.Range(0, report.Levels.Count).Select(i => (double)i)];
        void Line(string label, Func<LevelResult, double> value, string color)
        {
            var line = plot.Add.Scatter(xs, [.. report.Levels.Select(value)]);
            line.LegendText = label;
            line.Color = Color.FromHex(color);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        Line("bot (Table Storage)", bot, "#c0392b");
        Line("SDK echo floor (memory)", echo, "#2980b9");
        Line("storage floor (read + replace)", storage, "#27ae60");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, [.. report.Levels.Select(l => l.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.XLabel("concurrent conversations");
        plot.YLabel(unit);
        plot.Title(title);
        plot.Axes.SetLimitsY(0, report.Levels.Max(l => Math.Max(bot(l), Math.Max(echo(l), storage(l)))) * 1.1);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 640, 360);
    }
}

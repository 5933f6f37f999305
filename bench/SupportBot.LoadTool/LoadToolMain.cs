using System.Globalization;

namespace SupportBot.LoadTool;

/// <summary>
/// <c>dotnet run -c Release --project bench/SupportBot.LoadTool -- [--concurrency 1,4,16,50,100] [--seconds 8]
/// [--warmup 1.5] [--warmup-run 3] [--no-overview] [--allocations] [--out DIR] [--state-sample FILE]</c>. Prints the tables and targets; with --out, also writes
/// results.md and the two charts there. Exit code 1 when a turn failed or the host logged an error; missed targets
/// are reported, not failed on (they are measurements on a shared machine).
/// </summary>
public static class LoadToolMain
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions();
        string? output = null;
        string? stateSample = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("A value is missing after " + args[i]);
            switch (args[i])
            {
                case "--concurrency":
                    options = options with { Concurrency = [.. Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] };
                    break;
                case "--seconds":
                    options = options with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--warmup":
                    options = options with { Warmup = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--warmup-run":
                    options = options with { WarmupRun = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--allocations":
                    options = options with { Allocations = true };
                    break;
                case "--no-overview":
                    options = options with { Overview = false };
                    break;
                case "--state-sample":
                    stateSample = Next();
                    break;
                case "--out":
                    output = Next();
                    break;
                default:
                    await Console.Error.WriteLineAsync("Usage: --concurrency 1,4,16,50,100 --seconds 8 --warmup 1.5 --warmup-run 3 --no-overview --out DIR");
                    return 2;
            }
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        Console.WriteLine($"SupportBot load tool: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");
        var report = await LoadRun.RunAsync(options, Console.Out, cancel.Token);
        var markdown = Report.Markdown(report);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"load average after the run: {LoadAverage()}");
        if (output is not null)
        {
            Directory.CreateDirectory(output);
            await File.WriteAllTextAsync(Path.Combine(output, "results.md"), markdown, cancel.Token);
            foreach (var chart in Charts.Write(report, output))
            {
                Console.WriteLine("wrote " + chart);
            }
        }

        if (stateSample is not null)
        {
            // The conversation state mid-triage, for the Table store's micro benchmarks (bench/SupportBot.Benchmarks).
            await File.WriteAllBytesAsync(stateSample, report.StateSample, cancel.Token);
        }

        var failures = report.Levels.Sum(l => l.Bot.Failures + l.Echo.Failures + l.Storage.Failures);
        return failures == 0 && report.HostErrors == 0 ? 0 : 1;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SupportBot.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/SupportBot.Benchmarks -- --filter '*'</c>. In-process (the bot's SDK
/// assemblies are referenced by path, which BenchmarkDotNet's generated projects would not see) with a short job, so
/// that all of them run in about a minute; allocations per operation from the memory diagnoser.
/// </summary>
public static class BenchmarksMain
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarksMain).Assembly).Run(args, config);
    }
}

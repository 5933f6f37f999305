using Azure.Data.Tables;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Testing;

namespace SupportBot.LoadTool;

/// <summary>How long and at which concurrencies to run.</summary>
public sealed record LoadOptions
{
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 4, 16, 50, 100];

    /// <summary>Per phase, before measuring starts (connections, JIT, caches).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Per phase, measured.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Once, before the first level: every workload unmeasured at concurrency 4, so that tiered JIT has settled.</summary>
    public TimeSpan WarmupRun { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Print the most allocated types of each bot phase (sampled by the runtime).</summary>
    public bool Allocations { get; init; }

    /// <summary>Also measure the managers' overview with ten times more data in other organisations.</summary>
    public bool Overview { get; init; } = true;
}

/// <summary>Everything one run measured.</summary>
public sealed record LoadReport(
    IReadOnlyList<LevelResult> Levels,
    OverviewResult? Overview,
    int StateBytes,
    byte[] StateSample,
    long HostErrors,
    IReadOnlyList<string> FirstHostErrors,
    long ProactiveSends);

/// <summary>One concurrency level: the bot and its two floors, measured back to back.</summary>
public sealed record LevelResult(int Concurrency, PhaseResult Bot, PhaseResult Echo, PhaseResult Storage)
{
    public double StorageFloorRatio => Bot.TurnsPerSecond / Storage.TurnsPerSecond;

    public double EchoFloorRatio => Bot.TurnsPerSecond / Echo.TurnsPerSecond;
}

/// <summary>
/// Starts Azurite (in memory), a stub Bot Connector, the bot and the echo floor in this process, then per concurrency
/// level runs the echo floor, the storage floor and the bot back to back, so that all three see the same machine.
/// </summary>
public static class LoadRun
{
    public const string StateTable = "BotStateLoad";
    public const string AdviserAadObjectId = "00000000-0000-4000-8000-0000000000f1";
    public const string BackupAdviserAadObjectId = "00000000-0000-4000-8000-0000000000f2";

    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var runId = Guid.NewGuid().ToString("N")[..8];
        await using var azurite = await Azurite.StartAsync();
        await using var connector = await StubConnector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:StateTableName"] = StateTable,
            ["MicrosoftAppTenantId"] = Activities.TenantId,
            ["Teams:ServiceUrl"] = connector.ServiceUrl.ToString(),
            ["Support:Advisers:0:AadObjectId"] = AdviserAadObjectId,
            ["Support:Advisers:0:TenantId"] = Activities.TenantId,
            ["Support:Advisers:1:AadObjectId"] = BackupAdviserAadObjectId,
            ["Support:Advisers:1:TenantId"] = Activities.TenantId,
            ["Support:Managers:0:AadObjectId"] = OverviewCheck.ManagerAadObjectId,
            ["Support:Managers:0:TenantId"] = Activities.TenantId,
            ["Support:Managers:0:Organisation"] = OverviewCheck.Organisation,
            ["Support:Tenants:0:TenantId"] = Activities.TenantId,
        };
        foreach (var (code, i) in LoadOrganisations.All.Select((code, i) => (code, i)))
        {
            settings[$"Support:Tenants:0:Organisations:{i}"] = code;
        }

        // The load tool measures throughput, not the per-person limits: its adviser alone acts hundreds of times a minute.
        foreach (var (key, value) in TestRateLimits.Raised)
        {
            settings[key] = value;
        }

        await using var bot = new BotHost(HostKind.Bot, azurite.ConnectionString, settings);
        await using var echo = new BotHost(HostKind.Echo, azurite.ConnectionString, settings);
        bot.StartServer();
        echo.StartServer();
        using var botClient = new BotClient(bot.BaseAddress);
        using var echoClient = new BotClient(echo.BaseAddress);
        var triage = new TriageConversation(botClient, connector.ServiceUrl, AdviserAadObjectId, runId);
        var echoConversation = new EchoConversation(echoClient, connector.ServiceUrl, runId);

        var tables = TableClients.FromConnectionString(azurite.ConnectionString); // the bot's own kind of client
        await tables.GetTableClient(StorageFloor.TableName).CreateIfNotExistsAsync(cancellationToken);
        var (stateBytes, stateSample) = await WarmUpAsync(triage, tables, log, cancellationToken);

        OverviewResult? overview = null;
        if (options.Overview)
        {
            log.WriteLine("overview: 24 incidents in one organisation, then 240 more in ten others …");
            overview = await OverviewCheck.RunAsync(bot, botClient, connector.ServiceUrl, cancellationToken);
        }

        var floor = new StorageFloor(tables, stateBytes, runId);
        if (options.WarmupRun > TimeSpan.Zero)
        {
            await new Phase("warm-up", 4, options.WarmupRun, TimeSpan.Zero).RunAsync((w, p) => echoConversation.RunAsync(w, p, cancellationToken), null, cancellationToken);
            await new Phase("warm-up", 4, options.WarmupRun, TimeSpan.Zero).RunAsync((w, p) => floor.RunAsync(w, p, cancellationToken), null, cancellationToken);
            await new Phase("warm-up", 4, options.WarmupRun, TimeSpan.Zero).RunAsync((w, p) => triage.RunAsync(w, p, cancellationToken), null, cancellationToken);
        }

        var levels = new List<LevelResult>();
        foreach (var concurrency in options.Concurrency)
        {
            using var sampler = options.Allocations ? new AllocationSampler() : null;
            sampler?.Start();
            var echoResult = await new Phase("echo", concurrency, options.Warmup, options.Duration)
                .RunAsync((w, p) => echoConversation.RunAsync(w, p, cancellationToken), echo.Meter, cancellationToken);
            PrintAllocations(sampler, echoResult, log);
            var storageResult = await new Phase("storage", concurrency, options.Warmup, options.Duration)
                .RunAsync((w, p) => floor.RunAsync(w, p, cancellationToken), meter: null, cancellationToken);
            sampler?.Start();
            var botResult = await new Phase("bot", concurrency, options.Warmup, options.Duration)
                .RunAsync((w, p) => triage.RunAsync(w, p, cancellationToken), bot.Meter, cancellationToken);
            PrintAllocations(sampler, botResult, log);

            var level = new LevelResult(concurrency, botResult, echoResult, storageResult);
            levels.Add(level);
            log.WriteLine(Report.Progress(level));
        }

        return new LoadReport(levels, overview, stateBytes, stateSample, bot.Errors.Count + echo.Errors.Count, [.. bot.Errors.First, .. echo.Errors.First], connector.Sends);
    }

    private static void PrintAllocations(AllocationSampler? sampler, PhaseResult phase, TextWriter log)
    {
        if (sampler is null)
        {
            return;
        }

        // Sampled over the whole phase (warm-up included), so per turn it is an estimate; the exact total is in the table.
        log.WriteLine($"  {phase.Name} at {phase.Concurrency}, most allocated types:");
        foreach (var (type, bytes) in sampler.Stop(12))
        {
            log.WriteLine($"    {bytes / 1024.0 / Math.Max(1, phase.Turns),6:0} KB/turn  {type}");
        }
    }

    /// <summary>
    /// One whole conversation before anything is measured (JIT, tables, connections), which also measures how large the
    /// conversation state is mid-triage: the storage floor reads and writes entities of that size.
    /// </summary>
    private static async Task<(int Bytes, byte[] Sample)> WarmUpAsync(TriageConversation triage, TableServiceClient tables, TextWriter log, CancellationToken cancellationToken)
    {
        var state = tables.GetTableClient(StateTable);
        var largest = 0;
        var sample = Array.Empty<byte>();
        var phase = new Phase("warm-up", 1, TimeSpan.Zero, TimeSpan.FromMinutes(2));
        var adviser = new Participant("a:load-warmup-adviser", "29:" + AdviserAadObjectId, AdviserAadObjectId, "Greta Berg");
        var done = await triage.OneAsync(adviser, triage.NewPerson(), first: true, phase, async person =>
        {
            await foreach (var entity in state.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                var bytes = entity.Select(p => p.Value).OfType<byte[]>().Sum(b => b.Length);
                if (bytes > largest && entity.GetBinary("D00") is { } json)
                {
                    (largest, sample) = (bytes, json);
                }
            }
        }, cancellationToken);
        if (!done || largest == 0)
        {
            throw new InvalidOperationException($"The warm-up conversation did not complete: {phase.Failures} failed turns, the first {phase.FirstFailure}");
        }

        log.WriteLine($"warm-up: one whole conversation done; conversation state mid-triage is at most {largest:N0} bytes of JSON");
        return (largest, sample);
    }
}

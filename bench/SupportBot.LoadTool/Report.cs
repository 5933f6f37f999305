using System.Globalization;
using System.Text;

namespace SupportBot.LoadTool;

/// <summary>The run as Markdown tables (printed, and pasted into docs/performance.md) and the targets of issue 19.</summary>
public static class Report
{
    public const double QuestionTurnRequests = 2.0;
    public const double MaxMeanRequestsPerTurn = 2.5;
    public const double MinStorageFloorRatio = 0.6;
    public const double MaxP99Ms = 250;
    public const double MaxAllocationRatio = 1.5;
    public static readonly int[] RatioTargetLevels = [1, 16, 50];
    public const int LatencyTargetLevel = 50;

    /// <summary>The bot's turn kinds, in the order a conversation has them.</summary>
    public static readonly string[] BotKinds =
        [TurnKinds.FirstStart, TurnKinds.Start, TurnKinds.Question, TurnKinds.Complete, TurnKinds.Escalate, TurnKinds.Take];

    private static readonly string[] s_kinds = [.. BotKinds, TurnKinds.Echo];

    public static string Progress(LevelResult level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return F($"c={level.Concurrency,3}: bot {level.Bot.TurnsPerSecond,6:0.0} turns/s p99 {level.Bot.Percentile(99),6:0.0} ms | echo {level.Echo.TurnsPerSecond,6:0.0}/s | storage {level.Storage.TurnsPerSecond,6:0.0}/s | bot/storage {level.StorageFloorRatio:0.00} | failures {level.Bot.Failures + level.Echo.Failures + level.Storage.Failures}");
    }

    public static string Markdown(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine("Throughput and latency (turns of whole conversations; floors measured in the same run, just before):").AppendLine();
        md.AppendLine("| concurrent conversations | bot conversations/s | bot turns/s | storage floor ops/s | **bot ÷ storage floor** | SDK echo floor turns/s | **bot ÷ echo floor** | bot p50 / p95 / p99 ms | echo p99 ms | storage p99 ms | failed turns |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in report.Levels)
        {
            md.AppendLine(F($"| {l.Concurrency} | {l.Bot.ConversationsPerSecond:0.0} | {l.Bot.TurnsPerSecond:0} | {l.Storage.TurnsPerSecond:0} | **{l.StorageFloorRatio:0.00}** | {l.Echo.TurnsPerSecond:0} | **{l.EchoFloorRatio:0.00}** | {l.Bot.Percentile(50):0} / {l.Bot.Percentile(95):0} / {l.Bot.Percentile(99):0} | {l.Echo.Percentile(99):0} | {l.Storage.Percentile(99):0} | {l.Bot.Failures + l.Echo.Failures + l.Storage.Failures} |"));
        }

        md.AppendLine().AppendLine("Cost per turn (this process: bot host + load generator; Azurite is another process):").AppendLine();
        md.AppendLine("| concurrent conversations | bot KB allocated/turn | echo KB allocated/turn | bot ÷ echo | bot CPU ms/turn | echo CPU ms/turn | storage floor CPU ms/op | bot gen0/gen1/gen2 GCs | peak working set MB (bot phase) | machine CPU busy (bot phase) |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in report.Levels)
        {
            var r = l.Bot.Resources;
            md.AppendLine(F($"| {l.Concurrency} | {l.Bot.AllocatedBytesPerTurn / 1024:0} | {l.Echo.AllocatedBytesPerTurn / 1024:0} | {l.Bot.AllocatedBytesPerTurn / l.Echo.AllocatedBytesPerTurn:0.00} | {l.Bot.CpuMsPerTurn:0.00} | {l.Echo.CpuMsPerTurn:0.00} | {l.Storage.CpuMsPerTurn:0.00} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {l.Bot.PeakWorkingSetBytes / (1024.0 * 1024):0} | {r.Machine.BusyShare:P0} |"));
        }

        md.AppendLine().AppendLine("Per turn kind (all levels together): Table Storage requests counted on the wire per turn, and latency:").AppendLine();
        md.AppendLine("| turn | turns measured | storage requests per turn (mean, min–max) | round trips on the critical path (mean, max) | the requests of one such turn | p50 ms at each level | p99 ms at each level |");
        md.AppendLine("|---|---:|---|---:|---|---|---|");
        foreach (var kind in s_kinds)
        {
            var phases = report.Levels.Select(l => kind == TurnKinds.Echo ? l.Echo : l.Bot).ToList();
            var tallies = phases.Select(p => p.Storage.GetValueOrDefault(kind)).OfType<StorageTally>().ToList();
            var turns = tallies.Sum(t => t.Turns);
            var requests = tallies.Sum(t => t.Requests);
            var storage = turns == 0 ? "–" : F($"{(double)requests / turns:0.00} ({tallies.Min(t => t.Min)}–{tallies.Max(t => t.Max)})");
            var sequential = turns == 0 ? "–" : F($"{(double)tallies.Sum(t => t.SequentialSum) / turns:0.00} ({tallies.Max(t => t.MaxSequential)})");
            var example = tallies.FirstOrDefault()?.Example is { Count: > 0 } e ? string.Join(", ", e) : "–";
            md.AppendLine(F($"| {kind} | {phases.Sum(p => p.Latencies.GetValueOrDefault(kind)?.Length ?? 0)} | {storage} | {sequential} | {example} | {string.Join(" / ", phases.Select(p => F($"{p.Percentile(50, kind):0}")))} | {string.Join(" / ", phases.Select(p => F($"{p.Percentile(99, kind):0}")))} |"));
        }

        md.AppendLine().AppendLine(F($"Levels: {string.Join(", ", report.Levels.Select(l => l.Concurrency))}. State entity of the storage floor: {report.StateBytes:N0} bytes (the bot's conversation state mid-triage). Errors logged by the hosts: {report.HostErrors}. Proactive messages delivered to the stub connector: {report.ProactiveSends}. Background Table requests (outbox and deadline polling) in the bot phases: {string.Join(" / ", report.Levels.Select(l => l.Bot.BackgroundStorageRequests))}."));
        foreach (var phase in report.Levels.SelectMany(l => new[] { l.Bot, l.Echo, l.Storage }).Where(p => p.Failures > 0))
        {
            md.AppendLine().AppendLine(F($"Failed turns in {phase.Name} at {phase.Concurrency}: {phase.Failures}, the first: {phase.FirstFailure?.ReplaceLineEndings(" ")}"));
        }

        foreach (var error in report.FirstHostErrors)
        {
            md.AppendLine().Append("    ").AppendLine(error.ReplaceLineEndings(" "));
        }

        if (report.Overview is { } o)
        {
            md.AppendLine().AppendLine(F($"Managers' overview (\"översikt\", sequential, 15 turns each): the organisation has {o.OwnIncidents} incidents; then {o.OtherIncidents} are added in ten other organisations."));
            md.AppendLine().AppendLine("| | p50 ms | p90 ms | storage requests per turn | response bytes |").AppendLine("|---|---:|---:|---:|---:|");
            md.AppendLine(F($"| before | {o.Before.P50Ms:0.0} | {o.Before.P90Ms:0.0} | {o.Before.StorageRequestsMean:0.##} (max {o.Before.StorageRequestsMax}) | {o.Before.ResponseBytes:N0} |"));
            md.AppendLine(F($"| after, 10× data elsewhere | {o.After.P50Ms:0.0} | {o.After.P90Ms:0.0} | {o.After.StorageRequestsMean:0.##} (max {o.After.StorageRequestsMax}) | {o.After.ResponseBytes:N0} |"));
        }

        md.AppendLine().AppendLine("Targets:").AppendLine();
        foreach (var target in Targets(report))
        {
            md.AppendLine(F($"- {(target.Holds ? "✅ holds" : "❌ missed")}: {target.Name} — {target.Measured}"));
        }

        return md.ToString();
    }

    public sealed record Target(string Name, bool Holds, string Measured);

    public static IReadOnlyList<Target> Targets(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var targets = new List<Target>();
        var question = report.Levels.Select(l => l.Bot.Storage.GetValueOrDefault(TurnKinds.Question)).OfType<StorageTally>().ToList();
        var questionTurns = question.Sum(t => t.Turns);
        var questionMean = questionTurns == 0 ? double.NaN : (double)question.Sum(t => t.Requests) / questionTurns;
        targets.Add(new Target(
            F($"question turns at {QuestionTurnRequests:0.00} storage requests"),
            questionTurns > 0 && question.Max(t => t.Max) <= QuestionTurnRequests,
            F($"{questionMean:0.00} (at most {(question.Count == 0 ? 0 : question.Max(t => t.Max))}) over {questionTurns} question turns: {string.Join(", ", question.FirstOrDefault()?.Example ?? [])}")));

        // Whole conversations: every bot turn of every level, first contacts included.
        var all = report.Levels.SelectMany(l => BotKinds.Select(k => l.Bot.Storage.GetValueOrDefault(k))).OfType<StorageTally>().ToList();
        var allTurns = all.Sum(t => t.Turns);
        var mean = allTurns == 0 ? double.NaN : (double)all.Sum(t => t.Requests) / allTurns;
        targets.Add(new Target(
            F($"mean storage requests per turn over whole conversations ≤ {MaxMeanRequestsPerTurn}"),
            mean <= MaxMeanRequestsPerTurn,
            F($"{mean:0.00} ({all.Sum(t => t.Requests)} requests in {allTurns} turns)")));

        foreach (var level in report.Levels.Where(l => RatioTargetLevels.Contains(l.Concurrency)))
        {
            targets.Add(new Target(
                F($"bot throughput ≥ {MinStorageFloorRatio}× the raw storage floor at {level.Concurrency}"),
                level.StorageFloorRatio >= MinStorageFloorRatio,
                F($"{level.StorageFloorRatio:0.00}× ({level.Bot.TurnsPerSecond:0} vs {level.Storage.TurnsPerSecond:0} per second)")));
        }

        foreach (var level in report.Levels.Where(l => l.Concurrency == LatencyTargetLevel))
        {
            var byKind = BotKinds.Where(k => level.Bot.Latencies.GetValueOrDefault(k) is { Length: > 0 }).Select(k => (Kind: k, P99: level.Bot.Percentile(99, k))).ToList();
            targets.Add(new Target(
                F($"p99 turn latency < {MaxP99Ms} ms at {LatencyTargetLevel} for every turn kind"),
                byKind.Count > 0 && byKind.TrueForAll(k => k.P99 < MaxP99Ms),
                F($"{string.Join(", ", byKind.Select(k => F($"{k.Kind} {k.P99:0}")))} ms; all turns {level.Bot.Percentile(99):0} ms")));
        }

        foreach (var level in report.Levels)
        {
            var ratio = level.Bot.AllocatedBytesPerTurn / level.Echo.AllocatedBytesPerTurn;
            targets.Add(new Target(
                F($"allocation per turn ≤ {MaxAllocationRatio}× the echo floor's at {level.Concurrency}"),
                ratio <= MaxAllocationRatio,
                F($"{ratio:0.00}× ({level.Bot.AllocatedBytesPerTurn / 1024:0} vs {level.Echo.AllocatedBytesPerTurn / 1024:0} KB)")));
        }

        if (report.Overview is { } o)
        {
            targets.Add(new Target(
                "the overview costs the same with 10× more data in other organisations",
                o.Holds,
                F($"{o.Before.StorageRequestsMean:0.##} → {o.After.StorageRequestsMean:0.##} storage requests, p50 {o.Before.P50Ms:0.0} → {o.After.P50Ms:0.0} ms")));
        }

        return targets;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

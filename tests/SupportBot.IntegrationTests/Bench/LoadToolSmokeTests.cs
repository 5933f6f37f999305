using SupportBot.LoadTool;

namespace SupportBot.IntegrationTests.Bench;

/// <summary>
/// The load tool (bench/SupportBot.LoadTool) for a few seconds at two conversations, so that CI notices when it rots:
/// whole conversations go through, both floors are measured, and the figures it reports are sane.
/// </summary>
public sealed class LoadToolSmokeTests
{
    [Fact]
    public async Task RunAsync_TwoConversationsForSeconds_MeasuresBotAndBothFloorsWithSaneFigures()
    {
        var options = new LoadOptions
        {
            Concurrency = [2],
            // Long enough that a cold JIT on a busy CI machine still completes turns inside the measured window.
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(4),
            WarmupRun = TimeSpan.FromSeconds(1),
            Overview = false,
        };

        var report = await LoadRun.RunAsync(options, TextWriter.Null, CancellationToken.None);

        var level = Assert.Single(report.Levels);
        Assert.True(report.HostErrors == 0, string.Join("\n", report.FirstHostErrors));
        foreach (var phase in new[] { level.Bot, level.Echo, level.Storage })
        {
            Assert.True(phase.Failures == 0, $"{phase.Name}: {phase.FirstFailure}");
            Assert.True(phase.Turns > 0, phase.Name + " measured no turns");
            Assert.InRange(phase.Percentile(50), 0.01, 10_000);
            Assert.True(phase.Percentile(99) >= phase.Percentile(50));
        }

        // A question turn reads and writes the conversation state once each, counted on the wire.
        var question = level.Bot.Storage[TurnKinds.Question];
        Assert.Single(question.Example, r => r == "GET " + LoadRun.StateTable);
        Assert.Single(question.Example, r => r == "PUT " + LoadRun.StateTable);
        Assert.InRange(question.MeanSequential, 2, 3);

        // The SDK floor keeps its state in memory: no Table request in an echo turn.
        Assert.Equal(0, level.Echo.Storage[TurnKinds.Echo].Max);
        Assert.InRange(level.StorageFloorRatio, 0.001, 100);
        Assert.InRange(level.EchoFloorRatio, 0.001, 100);
        Assert.True(level.Bot.AllocatedBytesPerTurn > 0);
        Assert.True(report.StateBytes > 100);
        Assert.Contains("bot ÷ storage floor", Report.Markdown(report), StringComparison.Ordinal);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Bot.Options;
using SupportBot.Bot.Privacy;

namespace SupportBot.Tests.Privacy;

/// <summary>The retention job's schedule (at start, then every interval, on the TimeProvider) and its options' limits.</summary>
public sealed class RetentionServiceTests
{
    private sealed class CountingSweep : IRetentionSweep
    {
        public List<DateTimeOffset> Runs { get; } = [];

        public bool Fail { get; set; }

        public Task<RetentionResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            lock (Runs)
            {
                Runs.Add(now);
            }

            return Fail ? throw new HttpRequestException("storage away") : Task.FromResult(new RetentionResult(0, 0, 0, 0, 0, 0, 0, 0));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task Service_RunsAtStartThenEveryInterval_AndKeepsGoingAfterAFailedRun()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero));
        var sweep = new CountingSweep { Fail = true };
        var options = Microsoft.Extensions.Options.Options.Create(new SupportOptions { RetentionIntervalMinutes = 60 });
        using var service = new RetentionService(sweep, options, time, NullLogger<RetentionService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await WaitForAsync(() => sweep.Runs.Count == 1);
        sweep.Fail = false;
        time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(50);
        Assert.Single(sweep.Runs);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync(() => sweep.Runs.Count == 2);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromHours(1), sweep.Runs[1] - sweep.Runs[0]);
    }

    [Theory]
    [InlineData(0, 1440, false)]
    [InlineData(3651, 1440, false)]
    [InlineData(730, 0, false)]
    [InlineData(730, 10081, false)]
    [InlineData(1, 1, true)]
    [InlineData(730, 1440, true)]
    public void SupportOptions_RetentionDaysAndInterval_AreValidatedWithinTheirLimits(int days, int intervalMinutes, bool valid)
    {
        var options = new SupportOptions { RetentionDays = days, RetentionIntervalMinutes = intervalMinutes };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal(valid, !results.Any(r => r.MemberNames.Any(m => m.StartsWith("Retention", StringComparison.Ordinal))));
    }
}

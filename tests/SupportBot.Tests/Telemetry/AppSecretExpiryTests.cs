using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Bot.Health;
using SupportBot.Bot.Options;

namespace SupportBot.Tests.Telemetry;

/// <summary>
/// Credential health: a warning within 30 days of the app secret's expiry, an error once expired; "app-secret" is
/// Degraded in both cases (never Unhealthy, so /healthz keeps answering 200 and App Service keeps the instance).
/// </summary>
public sealed class AppSecretExpiryTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>expiry relative to now (hours; null = not configured) → state, health, log level, whole days left.</summary>
    public static TheoryData<int?, AppSecretState, HealthStatus, LogLevel, int> Rules() => new()
    {
        { null, AppSecretState.NotConfigured, HealthStatus.Healthy, LogLevel.Information, 0 },
        { 400 * 24, AppSecretState.Valid, HealthStatus.Healthy, LogLevel.Information, 400 },
        { (31 * 24) + 1, AppSecretState.Valid, HealthStatus.Healthy, LogLevel.Information, 31 },
        { 31 * 24, AppSecretState.Valid, HealthStatus.Healthy, LogLevel.Information, 31 },
        { (30 * 24) + 1, AppSecretState.Valid, HealthStatus.Healthy, LogLevel.Information, 30 },
        { 30 * 24, AppSecretState.ExpiresSoon, HealthStatus.Degraded, LogLevel.Warning, 30 },
        { (29 * 24) + 23, AppSecretState.ExpiresSoon, HealthStatus.Degraded, LogLevel.Warning, 29 },
        { 24, AppSecretState.ExpiresSoon, HealthStatus.Degraded, LogLevel.Warning, 1 },
        { 1, AppSecretState.ExpiresSoon, HealthStatus.Degraded, LogLevel.Warning, 0 },
        { 0, AppSecretState.Expired, HealthStatus.Degraded, LogLevel.Error, 0 },
        { -1, AppSecretState.Expired, HealthStatus.Degraded, LogLevel.Error, -1 },
        { -10 * 24, AppSecretState.Expired, HealthStatus.Degraded, LogLevel.Error, -10 },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Evaluate_HoursLeft_GivesStateHealthAndLogLevel(int? hoursLeft, AppSecretState state, HealthStatus health, LogLevel level, int daysLeft)
    {
        var status = AppSecretExpiry.Evaluate(hoursLeft is { } h ? s_now.AddHours(h) : null, s_now);

        Assert.Equal(state, status.State);
        Assert.Equal(health, status.HealthStatus);
        Assert.Equal(level, status.LogLevel);
        Assert.Equal(daysLeft, status.DaysLeft);
        Assert.NotEqual(HealthStatus.Unhealthy, status.HealthStatus);
    }

    [Theory]
    [InlineData("", HealthStatus.Healthy, "No expiry configured (MicrosoftAppPasswordExpiresOn).")]
    [InlineData("2027-06-01", HealthStatus.Healthy, "The app secret expires in 187 days (2027-06-01).")]
    [InlineData("2026-12-10", HealthStatus.Degraded, "The app secret expires in 14 days (2026-12-10): create a new one and update MicrosoftAppPassword and MicrosoftAppPasswordExpiresOn.")]
    [InlineData("2026-11-01", HealthStatus.Degraded, "The app secret expired on 2026-11-01: the bot cannot answer in Teams until MicrosoftAppPassword is renewed.")]
    public async Task CheckHealthAsync_ConfiguredExpiry_ReportsStatusAndWhatToDo(string expiresOn, HealthStatus expected, string description)
    {
        var check = new AppSecretHealthCheck(Credentials(expiresOn), new FakeTimeProvider(s_now));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
        Assert.Equal(description, result.Description);
    }

    /// <summary>days left at start-up → the level of the line logged then.</summary>
    [Theory]
    [InlineData(45, LogLevel.Information, 4000)]
    [InlineData(30, LogLevel.Warning, 4001)]
    [InlineData(3, LogLevel.Warning, 4001)]
    [InlineData(-2, LogLevel.Error, 4002)]
    public void Check_DaysLeft_LogsAtLevel(int daysLeft, LogLevel level, int eventId)
    {
        var logger = new ListLogger<AppSecretExpiryMonitor>();
        var monitor = new AppSecretExpiryMonitor(Credentials(s_now.AddDays(daysLeft).ToString("O")), new FakeTimeProvider(s_now), logger);

        Assert.True(monitor.Check());

        var record = Assert.Single(logger.Records);
        Assert.Equal(level, record.Level);
        Assert.Equal(eventId, record.EventId.Id);
    }

    [Theory]
    [InlineData("SingleTenant", "app-id", true)]
    [InlineData("UserAssignedMSI", "app-id", false)]
    [InlineData("SingleTenant", "", false)]
    public void Check_NoExpiryConfigured_SaysSoOnlyWhenASecretIsInUseAndStops(string appType, string appId, bool logs)
    {
        var logger = new ListLogger<AppSecretExpiryMonitor>();
        var options = new BotCredentialsOptions { MicrosoftAppType = appType, MicrosoftAppId = appId };
        var monitor = new AppSecretExpiryMonitor(Microsoft.Extensions.Options.Options.Create(options), new FakeTimeProvider(s_now), logger);

        Assert.False(monitor.Check());

        Assert.Equal(logs ? 1 : 0, logger.Records.Count(r => r.Level == LogLevel.Information && r.EventId.Id == 4003));
        Assert.Equal(logs ? 1 : 0, logger.Records.Count);
    }

    [Fact]
    public async Task FederatedCredentials_ExpiryConfiguredAnyway_NeitherMonitorNorHealthCheckApply()
    {
        // With MicrosoftAppClientId there is no secret: a leftover expiry date must not warn or degrade /healthz.
        var options = new BotCredentialsOptions
        {
            MicrosoftAppId = "app-id",
            MicrosoftAppClientId = "22222222-2222-2222-2222-222222222222",
            MicrosoftAppPasswordExpiresOn = s_now.AddDays(-1).ToString("O"),
        };
        var logger = new ListLogger<AppSecretExpiryMonitor>();
        var monitor = new AppSecretExpiryMonitor(Microsoft.Extensions.Options.Options.Create(options), new FakeTimeProvider(s_now), logger);
        var check = new AppSecretHealthCheck(Microsoft.Extensions.Options.Options.Create(options), new FakeTimeProvider(s_now));

        Assert.False(monitor.Check());
        Assert.Empty(logger.Records);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task ExecuteAsync_DaysPass_LogsAtStartAndDailyTurningToWarningThenError()
    {
        var time = new FakeTimeProvider(s_now);
        var logger = new ListLogger<AppSecretExpiryMonitor>();
        using var monitor = new AppSecretExpiryMonitor(Credentials(s_now.AddDays(31).ToString("O")), time, logger);

        await monitor.StartAsync(CancellationToken.None);
        await WaitForAsync(() => logger.Records.Count == 1);
        Assert.Equal(LogLevel.Information, logger.Records[0].Level);

        time.Advance(TimeSpan.FromHours(23));
        await Task.Delay(50);
        Assert.Single(logger.Records);

        time.Advance(TimeSpan.FromHours(1));
        await WaitForAsync(() => logger.Records.Count == 2);
        Assert.Equal(LogLevel.Warning, logger.Records[1].Level);
        Assert.Contains("expires in 30 days", logger.Records[1].Message, StringComparison.Ordinal);

        for (var day = 3; day <= 32; day++)
        {
            time.Advance(TimeSpan.FromDays(1));
            var expected = day;
            await WaitForAsync(() => logger.Records.Count == expected);
        }

        Assert.Equal(LogLevel.Error, logger.Records[^1].Level);
        await monitor.StopAsync(CancellationToken.None);
    }

    private static Microsoft.Extensions.Options.IOptions<BotCredentialsOptions> Credentials(string expiresOn) =>
        Microsoft.Extensions.Options.Options.Create(new BotCredentialsOptions
        {
            MicrosoftAppId = "app-id",
            MicrosoftAppPassword = "secret",
            MicrosoftAppTenantId = "tenant",
            MicrosoftAppPasswordExpiresOn = expiresOn,
        });

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the monitor.");
            await Task.Delay(10);
        }
    }
}

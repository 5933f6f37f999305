using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;

namespace SupportBot.Bot.Health;

/// <summary>
/// Says in the log, at start-up and then daily, how long the app secret has left: a warning within 30 days, an error
/// once expired. Expired secrets are a common reason for Teams bots that silently stop answering.
/// </summary>
public sealed partial class AppSecretExpiryMonitor(
    IOptions<BotCredentialsOptions> credentials,
    TimeProvider time,
    ILogger<AppSecretExpiryMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The timer exists before the first check, so a day counts from start-up (and tests can advance time once the first line is logged).
        using var timer = new PeriodicTimer(Interval, time);
        if (!Check())
        {
            return;
        }

        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            Check();
        }
    }

    /// <summary>Logs the current state; false when there is nothing to watch (no expiry configured).</summary>
    internal bool Check()
    {
        var options = credentials.Value;
        if (options.IsFederated || options.IsManagedIdentityApp)
        {
            // Federated or managed-identity credentials: there is no secret that could expire.
            return false;
        }

        var now = time.GetUtcNow();
        var status = AppSecretExpiry.Evaluate(options.PasswordExpiresOn, now);
        switch (status.State)
        {
            case AppSecretState.NotConfigured:
                if (options.UsesAppSecret)
                {
                    LogNotConfigured(logger);
                }

                return false;
            case AppSecretState.Expired:
                LogExpired(logger, status.ExpiresOn!.Value, (int)Math.Floor((now - status.ExpiresOn.Value).TotalDays));
                break;
            case AppSecretState.ExpiresSoon:
                LogExpiresSoon(logger, status.DaysLeft, status.ExpiresOn!.Value);
                break;
            default:
                LogValid(logger, status.DaysLeft, status.ExpiresOn!.Value);
                break;
        }

        return true;
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "The app secret expires in {DaysLeft} days ({ExpiresOn:yyyy-MM-dd})")]
    private static partial void LogValid(ILogger logger, int daysLeft, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The app secret expires in {DaysLeft} days ({ExpiresOn:yyyy-MM-dd}): create a new client secret, then update MicrosoftAppPassword and MicrosoftAppPasswordExpiresOn")]
    private static partial void LogExpiresSoon(ILogger logger, int daysLeft, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The app secret expired on {ExpiresOn:yyyy-MM-dd} ({DaysAgo} days ago): the bot cannot answer in Teams until MicrosoftAppPassword is renewed")]
    private static partial void LogExpired(ILogger logger, DateTimeOffset expiresOn, int daysAgo);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "MicrosoftAppPasswordExpiresOn is not set, so the bot cannot warn before its app secret expires")]
    private static partial void LogNotConfigured(ILogger logger);
}

using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Bot.Health;

/// <summary>Where the app secret stands against its configured expiry.</summary>
public enum AppSecretState
{
    /// <summary>No expiry date is configured (or the bot needs no secret): nothing to check.</summary>
    NotConfigured,
    Valid,
    ExpiresSoon,
    Expired,
}

/// <summary>What the expiry means now: the state, whole days left (negative once expired), how to report and log it.</summary>
public sealed record AppSecretStatus(AppSecretState State, DateTimeOffset? ExpiresOn, int DaysLeft)
{
    /// <summary>
    /// Degraded, never Unhealthy, even when expired: App Service replaces instances that answer 503 on /healthz, and a
    /// new instance has the same secret. Unhealthy (503) stays for what a restart can fix, such as storage.
    /// </summary>
    public HealthStatus HealthStatus => State is AppSecretState.ExpiresSoon or AppSecretState.Expired ? HealthStatus.Degraded : HealthStatus.Healthy;

    public LogLevel LogLevel => State switch
    {
        AppSecretState.Expired => LogLevel.Error,
        AppSecretState.ExpiresSoon => LogLevel.Warning,
        _ => LogLevel.Information,
    };

    public string Description => State switch
    {
        AppSecretState.NotConfigured => "No expiry configured (MicrosoftAppPasswordExpiresOn).",
        AppSecretState.Valid => $"The app secret expires in {DaysLeft} days ({Date}).",
        AppSecretState.ExpiresSoon => $"The app secret expires in {DaysLeft} days ({Date}): create a new one and update MicrosoftAppPassword and MicrosoftAppPasswordExpiresOn.",
        _ => $"The app secret expired on {Date}: the bot cannot answer in Teams until MicrosoftAppPassword is renewed.",
    };

    private string Date => ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>The rule: a warning within <see cref="WarningDays"/> days of expiry, an error once it has passed.</summary>
public static class AppSecretExpiry
{
    public const int WarningDays = 30;

    public static AppSecretStatus Evaluate(DateTimeOffset? expiresOn, DateTimeOffset now)
    {
        if (expiresOn is not { } expires)
        {
            return new AppSecretStatus(AppSecretState.NotConfigured, null, 0);
        }

        var left = expires - now;
        var days = (int)Math.Floor(left.TotalDays);
        var state = left <= TimeSpan.Zero ? AppSecretState.Expired
            : left <= TimeSpan.FromDays(WarningDays) ? AppSecretState.ExpiresSoon
            : AppSecretState.Valid;
        return new AppSecretStatus(state, expires, days);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SupportBot.Bot.RateLimiting;

/// <summary>One fixed window: at most <see cref="PermitLimit"/> per <see cref="WindowSeconds"/> for one person.</summary>
public sealed class RateLimitWindow
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>
/// "RateLimits": per person (Entra object id, else channel user id). <see cref="Turns"/> counts every turn; the others
/// count the expensive or abusable actions on top of it. Tests and the load tool raise them through configuration.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public RateLimitWindow Turns { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>"Ja, radera" / "Avbryt" on the erasure card: each confirmation scans several tables.</summary>
    public RateLimitWindow Erasure { get; set; } = new() { PermitLimit = 3, WindowSeconds = 600 };

    /// <summary>"Lägg till information": each one queues notifications to advisers.</summary>
    public RateLimitWindow AddInformation { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };

    /// <summary>"Dela": each one posts into a group chat and uses the bot's shared Teams quota.</summary>
    public RateLimitWindow Share { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };

    /// <summary>Card actions that were refused (not an adviser, forged or stale): past this, card actions stop for the window.</summary>
    public RateLimitWindow RefusedActions { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };
}

/// <summary>Every window must be set (bound sections replace the defaults' objects, so a half-written one shows here).</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, window) in Windows(options))
        {
            var results = new List<ValidationResult>();
            if (window is null || !Validator.TryValidateObject(window, new ValidationContext(window), results, validateAllProperties: true))
            {
                failures.Add($"RateLimits:{key} needs PermitLimit 1–1000000 and WindowSeconds 1–86400.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<(string Key, RateLimitWindow? Window)> Windows(RateLimitOptions options) =>
    [
        (nameof(options.Turns), options.Turns),
        (nameof(options.Erasure), options.Erasure),
        (nameof(options.AddInformation), options.AddInformation),
        (nameof(options.Share), options.Share),
        (nameof(options.RefusedActions), options.RefusedActions),
    ];
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SupportBot.Bot.RateLimiting;

/// <summary>What a turn is limited as, on top of <see cref="RateLimitKind.Turn"/>.</summary>
public enum RateLimitKind
{
    Turn,
    Erasure,
    AddInformation,
    Share,
    RefusedAction,

    /// <summary>The "you are sending too much" message itself: once per turn window, so a flood gets one answer.</summary>
    Notice,
}

/// <summary>
/// Fixed windows per person and kind, from System.Threading.RateLimiting (the limiter ASP.NET Core's rate-limiting
/// middleware is built on). Used inside the bot's turn pipeline rather than as HTTP middleware because the person is
/// known only once the Bot Framework adapter has authenticated the request. Idle partitions are dropped by the limiter.
/// In memory per instance: with N instances a person gets at most N times the limit, which still bounds a flood.
/// </summary>
public sealed class PersonRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(RateLimitKind Kind, string Person)> _limiter;

    public PersonRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<(RateLimitKind Kind, string Person), (RateLimitKind Kind, string Person)>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, k => Window(k.Kind switch
            {
                RateLimitKind.Erasure => o.Erasure,
                RateLimitKind.AddInformation => o.AddInformation,
                RateLimitKind.Share => o.Share,
                RateLimitKind.RefusedAction => o.RefusedActions,
                RateLimitKind.Notice => new RateLimitWindow { PermitLimit = 1, WindowSeconds = o.Turns.WindowSeconds },
                _ => o.Turns,
            })));
    }

    /// <summary>Takes one permit; false when the person has used up this kind for the window.</summary>
    public bool TryAcquire(RateLimitKind kind, string person)
    {
        using var lease = _limiter.AttemptAcquire((kind, person));
        return lease.IsAcquired;
    }

    /// <summary>Whether the person still has permits of this kind, without taking one.</summary>
    public bool HasPermits(RateLimitKind kind, string person) =>
        _limiter.GetStatistics((kind, person)) is not { CurrentAvailablePermits: <= 0 };

    public void Dispose() => _limiter.Dispose();

    private static FixedWindowRateLimiterOptions Window(RateLimitWindow window) => new()
    {
        PermitLimit = window.PermitLimit,
        Window = window.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

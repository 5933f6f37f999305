using SupportBot.Bot.Deduplication;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.ProcessedActivities;

namespace SupportBot.Bot.RateLimiting;

/// <summary>
/// Single-use erasure confirmations on the deduplication table: a use is an insert that only one caller can win, and
/// the expired claims are swept with the rest.
/// </summary>
public sealed class ErasureTokenLedger(IProcessedActivityStore claims) : IErasureTokenLedger
{
    private const string Scope = "erasure-confirmation";

    public async Task<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        // Storage away: let it through; the erasure itself needs storage and fails the same way.
        return await claims.ClaimAsync(Scope, nonce, expiresAt, cancellationToken).ConfigureAwait(false) != ClaimOutcome.Duplicate;
    }
}

namespace SupportBot.Dialogs.Privacy;

/// <summary>Remembers which erasure confirmations were used, across instances, until they would have expired anyway.</summary>
public interface IErasureTokenLedger
{
    /// <summary>True the first time <paramref name="nonce"/> is used; false for every later use.</summary>
    Task<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

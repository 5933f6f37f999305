using Microsoft.Bot.Builder;

namespace SupportBot.Dialogs.Conversation;

/// <summary>
/// A message turn that changes only the conversation state needs no claim of its own: the state write carries the
/// activity id and its ETag decides between two copies. A turn about to change something outside the state (save a
/// case, escalate, act on a case, share, erase, write checklist progress) claims the activity first, here; a copy
/// that another instance already claimed stops with <see cref="DuplicateDeliveryException"/> before it changes anything.
/// </summary>
public interface ITurnClaim
{
    /// <param name="claimAlone">
    /// Every copy of this activity reaches this claim whatever the state holds (its way here reads nothing the turn
    /// itself changes), so the claim alone keeps a copy delivered again from acting twice: the activity id need not
    /// also go into the state, and a turn that changes nothing else there saves no state at all.
    /// </param>
    Task ClaimAsync(bool claimAlone, CancellationToken cancellationToken);
}

public static class TurnClaims
{
    public const string TurnStateKey = "SupportBot.TurnClaim";

    /// <summary>Claims this turn's activity (once; later calls return at once). Without a claim in the turn (tests, proactive turns) it does nothing.</summary>
    public static Task ClaimAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Claim(turnContext, claimAlone: false, cancellationToken);

    /// <summary>
    /// Claims this turn's activity for a turn whose every copy comes to this claim (see <see cref="ITurnClaim.ClaimAsync"/>):
    /// the claim is then its only protection against a second delivery, and the state is written only if the turn changes it.
    /// </summary>
    public static Task ClaimAloneAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Claim(turnContext, claimAlone: true, cancellationToken);

    private static Task Claim(ITurnContext turnContext, bool claimAlone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<ITurnClaim>(TurnStateKey) is { } claim ? claim.ClaimAsync(claimAlone, cancellationToken) : Task.CompletedTask;
    }
}

/// <summary>The activity was delivered before and another turn has it: stop without changing or sending anything.</summary>
public sealed class DuplicateDeliveryException : Exception
{
    public DuplicateDeliveryException()
        : base("The activity is being or was processed by another turn.")
    {
    }

    public DuplicateDeliveryException(string message)
        : base(message)
    {
    }

    public DuplicateDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

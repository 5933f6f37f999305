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
    Task ClaimAsync(CancellationToken cancellationToken);
}

public static class TurnClaims
{
    public const string TurnStateKey = "SupportBot.TurnClaim";

    /// <summary>Claims this turn's activity (once; later calls return at once). Without a claim in the turn (tests, proactive turns) it does nothing.</summary>
    public static Task ClaimAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<ITurnClaim>(TurnStateKey) is { } claim ? claim.ClaimAsync(cancellationToken) : Task.CompletedTask;
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

using Microsoft.Bot.Builder;

namespace SupportBot.Dialogs.Limits;

/// <summary>
/// What a turn tells the host's rate limiter without depending on it: that a card action was refused (not an adviser,
/// forged, stale, someone else's erasure card). The limiter counts these per person and stops card actions once too many.
/// </summary>
public static class TurnSignals
{
    public const string RefusedKey = "SupportBot.Limits.Refused";

    public static void Refused(ITurnContext turnContext, string reason)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState[RefusedKey] = reason;
    }

    public static string? RefusalOf(ITurnContext turnContext) =>
        turnContext?.TurnState.Get<object>(RefusedKey) as string;
}

using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Bot.Deduplication;

/// <summary>
/// Processes each incoming activity once. Teams and the Bot Connector retry a delivery that took too long or failed in
/// transit, and two instances may each get a copy: the first to claim the activity id in Table Storage processes it,
/// every other copy is answered with nothing (an invoke, which must be answered, with a short "already received").
/// A turn that fails gives its claim back, so the sender's retry is processed.
/// </summary>
public sealed partial class DeduplicationMiddleware(
    IProcessedActivityStore store,
    ConversationState conversationState,
    TextCatalog texts,
    TimeProvider time,
    ILogger<DeduplicationMiddleware> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>Retries come within minutes; a day is generous and keeps the table small.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (string.IsNullOrEmpty(activity?.Id) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        // The claim and the state read go out together, so deduplication costs a turn no extra wait.
        var load = activity.Type is ActivityTypes.Message or ActivityTypes.Invoke
            ? conversationState.LoadAsync(turnContext, force: false, cancellationToken)
            : Task.CompletedTask;
        var outcome = await store.ClaimAsync(activity.Conversation.Id, activity.Id, time.GetUtcNow() + Window, cancellationToken).ConfigureAwait(false);
        if (outcome == ClaimOutcome.Duplicate)
        {
            await Task.WhenAny(load).ConfigureAwait(false);
            _ = load.Exception; // nothing to do with this state: a failed read is observed and dropped
            LogDuplicate(logger, activity.Type);
            await AnswerDuplicateAsync(turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }

        await load.ConfigureAwait(false);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        catch when (outcome == ClaimOutcome.Claimed)
        {
            await store.ReleaseAsync(activity.Conversation.Id, activity.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AnswerDuplicateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Type != ActivityTypes.Invoke)
        {
            return;
        }

        var text = texts.Get(UserLanguages.FromLocale(turnContext.Activity.Locale), "errors.duplicate");
        object body = turnContext.Activity.Name == "adaptiveCard/action"
            ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = text }
            : new { };
        await turnContext.SendActivityAsync(
            new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = 200, Body = body } },
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Duplicate {ActivityType} activity not processed again")]
    private static partial void LogDuplicate(ILogger logger, string activityType);
}

using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using SupportBot.Bot.Deduplication;
using SupportBot.Bot.Tenants;
using SupportBot.Dialogs;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Bot.Adapter;

/// <summary>
/// The SDK's <see cref="CloudAdapter"/> with our turn error handler: log the failure with the conversation
/// id (never message text), apologise in the user's language without exception details, and clear the
/// conversation state so the next message starts clean instead of failing the same way again — unless the
/// failure was the storage's (unreachable, or a concurrent write won): then the state is not broken, and
/// clearing it would throw away a triage in progress.
/// </summary>
public sealed partial class SupportBotAdapter : CloudAdapter
{
    public SupportBotAdapter(
        BotFrameworkAuthentication authentication,
        ConversationState conversationState,
        TextCatalog texts,
        SupportContacts contacts,
        TenantGateMiddleware tenantGate,
        DeduplicationMiddleware deduplication,
        ILogger<SupportBotAdapter> logger,
        RateLimiting.RateLimitMiddleware? rateLimits = null)
        // The SDK's clients for outbound calls are shared between turns, not built for every activity.
        : base(new CachingBotFrameworkAuthentication(authentication, new ConnectorClientCache()), logger)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(contacts);
        // The tenant gate first: a refused tenant's activity must not even leave a duplicate-delivery claim behind.
        Use(tenantGate);

        // Then the rate limits: a limited turn costs no storage (not even the deduplication claim).
        if (rateLimits is not null)
        {
            Use(rateLimits);
        }

        Use(deduplication);
        OnTurnError = async (turnContext, exception) =>
        {
            LogTurnFailed(logger, exception, turnContext.Activity?.Conversation?.Id);
            await TryApologiseAsync(turnContext, Apology(turnContext, exception, texts, contacts), logger).ConfigureAwait(false);
            if (!IsStorageFailure(exception))
            {
                await TryClearStateAsync(turnContext, conversationState, logger).ConfigureAwait(false);
            }
        };
    }

    internal static bool IsStorageFailure(Exception exception) =>
        exception is SupportBot.Storage.Tables.StorageConcurrencyException or Azure.RequestFailedException or HttpRequestException
            || exception.InnerException is SupportBot.Storage.Tables.StorageConcurrencyException or Azure.RequestFailedException or HttpRequestException;

    /// <summary>
    /// A concurrent write won: say that the other answer stands. Storage away: say so, that nothing answered is lost,
    /// and where to turn meanwhile (112, 114 14, SKL's switchboard). Anything else: a short apology with 112. Never the
    /// exception's text.
    /// </summary>
    private static string Apology(ITurnContext turnContext, Exception exception, TextCatalog texts, SupportContacts contacts)
    {
        var language = UserLanguages.FromLocale(turnContext.Activity?.Locale);
        if (exception is SupportBot.Storage.Tables.StorageConcurrencyException || exception.InnerException is SupportBot.Storage.Tables.StorageConcurrencyException)
        {
            // Another turn of this conversation (another instance, a double click) saved first: its answer stands.
            return texts.Get(language, "errors.conflict");
        }

        return IsStorageFailure(exception)
            ? TextFormat.Format(texts.Get(language, "errors.storage"), ("switchboard", contacts.SwitchboardPhone))
            : texts.Get(language, "errors.apology");
    }

    private static async Task TryApologiseAsync(ITurnContext turnContext, string apology, ILogger logger)
    {
        try
        {
            if (turnContext.Activity?.Type == ActivityTypes.Invoke)
            {
                // A card action waits for its answer in the HTTP response: answer it there (the card the person
                // clicked stays as it was and Teams shows the message), instead of posting to the chat.
                await turnContext.SendActivityAsync(new Activity
                {
                    Type = ActivityTypesEx.InvokeResponse,
                    Value = new InvokeResponse
                    {
                        Status = 200,
                        Body = new AdaptiveCardInvokeResponse
                        {
                            StatusCode = 500,
                            Type = "application/vnd.microsoft.error",
                            Value = new Error { Code = "InternalError", Message = apology },
                        },
                    },
                }).ConfigureAwait(false);
                return;
            }

            await turnContext.SendActivityAsync(apology).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogApologyFailed(logger, ex.GetType().Name, turnContext.Activity?.Conversation?.Id);
        }
    }

    private static async Task TryClearStateAsync(ITurnContext turnContext, ConversationState conversationState, ILogger logger)
    {
        try
        {
            await conversationState.DeleteAsync(turnContext).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClearStateFailed(logger, ex.GetType().Name, turnContext.Activity?.Conversation?.Id);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? conversationId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Could not send the apology ({ErrorType}) in conversation {ConversationId}")]
    private static partial void LogApologyFailed(ILogger logger, string errorType, string? conversationId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not clear conversation state ({ErrorType}) in conversation {ConversationId}")]
    private static partial void LogClearStateFailed(ILogger logger, string errorType, string? conversationId);
}

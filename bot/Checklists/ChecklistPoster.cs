using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Authentication;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Checklists;
using SupportBot.Storage.ConversationReferences;

namespace SupportBot.Bot.Checklists;

/// <summary>
/// Posts a shared checklist into a group chat or channel through the adapter (proactively, with the stored reference).
/// A person is waiting on the card, so a failure is reported back to them rather than retried in the background.
/// </summary>
public sealed partial class ChecklistPoster(IBotFrameworkHttpAdapter httpAdapter, IOptions<BotCredentialsOptions> credentials, ILogger<ChecklistPoster> logger) : IConversationPoster
{
    public async Task<bool> PostAsync(ConversationReference conversation, IMessageActivity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        var adapter = (CloudAdapter)httpAdapter;
        try
        {
            using var tenant = ConversationTenant.Use(conversation.Conversation?.TenantId);
            await adapter.ContinueConversationAsync(
                credentials.Value.MicrosoftAppId,
                conversation,
                (turn, ct) => turn.SendActivityAsync(message, ct),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is ErrorResponseException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Removed from the chat (403), chat gone (404), connector down: say so on the card. No ids in the log.
            LogPostFailed(logger, (ex as ErrorResponseException)?.Response?.StatusCode is { } status ? (int)status : 0, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing a checklist failed (status {Status}, {Error}).")]
    private static partial void LogPostFailed(ILogger logger, int status, string error);
}

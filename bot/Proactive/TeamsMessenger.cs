using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Authentication;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Escalation;
using SupportBot.Storage.ConversationReferences;

namespace SupportBot.Bot.Proactive;

/// <summary>
/// The one proactive sender, through the SDK adapter. To a person (notifications, deadlines, follow-ups, digests): their
/// stored conversation reference first (its own service URL and tenant); without one, a new 1:1 conversation in the
/// adviser's configured tenant from their Entra object id (Teams' own way to reach someone who has the app but never
/// wrote to it). Into a known conversation: a shared checklist posted to a group chat or channel, and updates of cards
/// posted earlier. Every send runs in the conversation's tenant, and a failed send reaches the caller instead of the
/// adapter's turn error handler (which would swallow it and apologise into a chat that may be gone).
/// </summary>
public sealed partial class TeamsMessenger(
    IBotFrameworkHttpAdapter httpAdapter,
    IConversationReferenceRepository references,
    IOptions<BotCredentialsOptions> credentials,
    IOptions<TeamsOptions> teams,
    IOptions<SupportOptions> support,
    ILogger<TeamsMessenger> logger) : ITeamsMessenger, IConversationPoster
{
    public async Task<Delivery> SendToPersonAsync(string personId, IMessageActivity message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        Delivery? delivered = null;
        async Task SendAsync(ITurnContext turn, CancellationToken ct)
        {
            var response = await turn.SendActivityAsync(message, ct).ConfigureAwait(false);
            delivered = new Delivery(DeliveryResult.Delivered, turn.Activity.GetConversationReference(), response?.Id);
        }

        try
        {
            // The person's own conversation: its service URL and its tenant (an adviser in SKR's tenant, a reporter in
            // their municipality's), with credentials requested for that tenant.
            var reference = await references.FindAsync(personId, cancellationToken).ConfigureAwait(false);
            if (reference is not null)
            {
                await ContinueAsync(reference, SendAsync, cancellationToken).ConfigureAwait(false);
                return delivered ?? new Delivery(DeliveryResult.Delivered);
            }

            // No reference: a new 1:1 chat in the person's own tenant, which only a configured adviser has known here.
            var options = teams.Value;
            var tenantId = support.Value.Advisers
                .FirstOrDefault(a => string.Equals(a.AadObjectId.Trim(), personId, StringComparison.OrdinalIgnoreCase))?.TenantId.Trim();
            if (string.IsNullOrEmpty(options.ServiceUrl) || string.IsNullOrEmpty(tenantId))
            {
                return Delivery.Unreachable;
            }

            var parameters = new ConversationParameters
            {
                IsGroup = false,
                Members = [new ChannelAccount(id: "8:orgid:" + personId, aadObjectId: personId)],
                TenantId = tenantId,
            };
            await RunAsync(
                tenantId,
                (adapter, turn, ct) => adapter.CreateConversationAsync(credentials.Value.MicrosoftAppId, Channels.Msteams, options.ServiceUrl, audience: null, parameters, turn, ct),
                SendAsync,
                cancellationToken).ConfigureAwait(false);
            return delivered ?? new Delivery(DeliveryResult.Delivered);
        }
        catch (ErrorResponseException ex) when (IsPermanent(ex))
        {
            return Delivery.Unreachable;
        }
        catch (Microsoft.Identity.Client.MsalServiceException ex) when (ex.StatusCode is 400 or 401)
        {
            // No token for that tenant: the app is not consented there (AADSTS700016 / 65001). Teams cannot reach them.
            return Delivery.Unreachable;
        }
    }

    public async Task<DeliveryResult> UpdateAsync(ConversationReference conversation, string activityId, IMessageActivity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await ContinueAsync(
                conversation,
                (turn, ct) =>
                {
                    message.Id = activityId;
                    return turn.UpdateActivityAsync(message, ct);
                },
                cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (ErrorResponseException ex) when (IsPermanent(ex))
        {
            return DeliveryResult.Unreachable;
        }
    }

    /// <summary>
    /// A shared checklist into a group chat or channel. A person is waiting on the card, so a failure is reported back to
    /// them (false) rather than retried in the background.
    /// </summary>
    public async Task<bool> PostAsync(ConversationReference conversation, IMessageActivity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await ContinueAsync(conversation, (turn, ct) => turn.SendActivityAsync(message, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is ErrorResponseException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Removed from the chat (403), chat gone (404), connector down: say so on the card. No ids in the log.
            LogPostFailed(logger, (ex as ErrorResponseException)?.Response?.StatusCode is { } status ? (int)status : 0, ex.GetType().Name);
            return false;
        }
    }

    private Task ContinueAsync(ConversationReference conversation, BotCallbackHandler send, CancellationToken cancellationToken) =>
        RunAsync(
            conversation.Conversation?.TenantId,
            (adapter, turn, ct) => adapter.ContinueConversationAsync(credentials.Value.MicrosoftAppId, conversation, turn, ct),
            send,
            cancellationToken);

    /// <summary>
    /// The send path every proactive message takes: a turn in <paramref name="tenantId"/> (credentials requested for that
    /// tenant), and a failed send thrown to the caller rather than handed to the adapter's turn error handler.
    /// </summary>
    private async Task RunAsync(string? tenantId, Func<CloudAdapter, BotCallbackHandler, CancellationToken, Task> start, BotCallbackHandler send, CancellationToken cancellationToken)
    {
        ExceptionDispatchInfo? failed = null;
        async Task TurnAsync(ITurnContext turn, CancellationToken ct)
        {
            try
            {
                await send(turn, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ErrorResponseException or HttpRequestException or TaskCanceledException)
            {
                failed = ExceptionDispatchInfo.Capture(ex);
            }
        }

        using (ConversationTenant.Use(tenantId))
        {
            await start((CloudAdapter)httpAdapter, TurnAsync, cancellationToken).ConfigureAwait(false);
        }

        failed?.Throw();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing a checklist failed (status {Status}, {Error}).")]
    private static partial void LogPostFailed(ILogger logger, int status, string error);

    /// <summary>
    /// 403 MessageWritesBlocked / app not installed, 404 unknown conversation or message, 400, and 401 (the organisation
    /// has not consented to the app in its tenant): retrying will not help.
    /// </summary>
    private static bool IsPermanent(ErrorResponseException ex) =>
        ex.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized;
}

using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Authentication;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Escalation;
using SupportBot.Storage.ConversationReferences;

namespace SupportBot.Bot.Escalations;

/// <summary>
/// Proactive messages through the SDK adapter: the person's stored conversation reference first (its own service URL
/// and tenant); without one, a new 1:1 conversation in the adviser's configured tenant from their Entra object id
/// (Teams' own way to reach someone who has the app but never wrote to it).
/// </summary>
public sealed class TeamsMessenger(
    IBotFrameworkHttpAdapter httpAdapter,
    IConversationReferenceRepository references,
    IOptions<BotCredentialsOptions> credentials,
    IOptions<TeamsOptions> teams,
    IOptions<SupportOptions> support) : ITeamsMessenger
{
    public async Task<Delivery> SendToPersonAsync(string personId, IMessageActivity message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        var adapter = (CloudAdapter)httpAdapter;
        var appId = credentials.Value.MicrosoftAppId;
        Delivery? delivered = null;
        ExceptionDispatchInfo? failed = null;
        async Task SendAsync(ITurnContext turn, CancellationToken ct)
        {
            try
            {
                var response = await turn.SendActivityAsync(message, ct).ConfigureAwait(false);
                delivered = new Delivery(DeliveryResult.Delivered, turn.Activity.GetConversationReference(), response?.Id);
            }
            catch (Exception ex) when (ex is ErrorResponseException or HttpRequestException or TaskCanceledException)
            {
                // The adapter's OnTurnError would swallow it (and apologise into a chat that may be gone), and the
                // send would count as delivered: keep it for the caller, who decides between e-mail and a retry.
                failed = ExceptionDispatchInfo.Capture(ex);
            }
        }

        try
        {
            // The person's own conversation: its service URL and its tenant (an adviser in SKR's tenant, a reporter in
            // their municipality's), with credentials requested for that tenant.
            var reference = await references.FindAsync(personId, cancellationToken).ConfigureAwait(false);
            if (reference is not null)
            {
                using (ConversationTenant.Use(reference.Conversation?.TenantId))
                {
                    await adapter.ContinueConversationAsync(appId, reference, SendAsync, cancellationToken).ConfigureAwait(false);
                }

                failed?.Throw();
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
            using (ConversationTenant.Use(tenantId))
            {
                await adapter.CreateConversationAsync(appId, Channels.Msteams, options.ServiceUrl, audience: null, parameters, SendAsync, cancellationToken).ConfigureAwait(false);
            }

            failed?.Throw();
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
        var adapter = (CloudAdapter)httpAdapter;
        try
        {
            using var tenant = ConversationTenant.Use(conversation.Conversation?.TenantId);
            ExceptionDispatchInfo? failed = null;
            await adapter.ContinueConversationAsync(
                credentials.Value.MicrosoftAppId,
                conversation,
                async (turn, ct) =>
                {
                    message.Id = activityId;
                    try
                    {
                        await turn.UpdateActivityAsync(message, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is ErrorResponseException or HttpRequestException or TaskCanceledException)
                    {
                        // As in SendToPersonAsync: not swallowed by OnTurnError, so a gone card counts as gone.
                        failed = ExceptionDispatchInfo.Capture(ex);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            failed?.Throw();
            return DeliveryResult.Delivered;
        }
        catch (ErrorResponseException ex) when (IsPermanent(ex))
        {
            return DeliveryResult.Unreachable;
        }
    }

    /// <summary>
    /// 403 MessageWritesBlocked / app not installed, 404 unknown conversation or message, 400, and 401 (the organisation
    /// has not consented to the app in its tenant): retrying will not help.
    /// </summary>
    private static bool IsPermanent(ErrorResponseException ex) =>
        ex.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized;
}

using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using SupportBot.Bot.ConversationReferences;
using SupportBot.Bot.Options;

namespace SupportBot.Bot.Escalations;

/// <summary>How a proactive message went: delivered, or the person cannot be reached (not installed, blocked, unknown).</summary>
public enum DeliveryResult
{
    Delivered,
    Unreachable,
}

/// <summary>Sends proactive 1:1 messages in Teams. Transient failures (429, 5xx, network) throw so the outbox retries.</summary>
public interface ITeamsMessenger
{
    Task<DeliveryResult> SendToPersonAsync(string personId, IMessageActivity message, CancellationToken cancellationToken);
}

/// <summary>
/// Proactive messages through the SDK adapter: the person's stored conversation reference first; without one,
/// a new 1:1 conversation created from the tenant and the person's Entra object id (Teams' own way to reach
/// someone who has the app but never wrote to it).
/// </summary>
public sealed class TeamsMessenger(
    IBotFrameworkHttpAdapter httpAdapter,
    IConversationReferenceRepository references,
    IOptions<BotCredentialsOptions> credentials,
    IOptions<TeamsOptions> teams) : ITeamsMessenger
{
    public async Task<DeliveryResult> SendToPersonAsync(string personId, IMessageActivity message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        var adapter = (CloudAdapter)httpAdapter;
        var appId = credentials.Value.MicrosoftAppId;
        try
        {
            var reference = await references.FindAsync(personId, cancellationToken).ConfigureAwait(false);
            if (reference is not null)
            {
                await adapter.ContinueConversationAsync(appId, reference, (turn, ct) => turn.SendActivityAsync(message, ct), cancellationToken).ConfigureAwait(false);
                return DeliveryResult.Delivered;
            }

            var options = teams.Value;
            if (string.IsNullOrEmpty(options.ServiceUrl) || string.IsNullOrEmpty(credentials.Value.MicrosoftAppTenantId))
            {
                return DeliveryResult.Unreachable;
            }

            var parameters = new ConversationParameters
            {
                IsGroup = false,
                Members = [new ChannelAccount(id: "8:orgid:" + personId, aadObjectId: personId)],
                TenantId = credentials.Value.MicrosoftAppTenantId,
            };
            await adapter.CreateConversationAsync(appId, Channels.Msteams, options.ServiceUrl, audience: null, parameters, (turn, ct) => turn.SendActivityAsync(message, ct), cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (ErrorResponseException ex) when (ex.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            // 403 MessageWritesBlocked / app not installed, 404 unknown conversation: retrying will not help.
            return DeliveryResult.Unreachable;
        }
    }
}

using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Organisations;

namespace SupportBot.Bot.Tenants;

/// <summary>
/// Opens the person's 1:1 chat with the bot from a turn in a group chat or channel, with the turn's own connector (its
/// service URL and tenant), and posts there. Teams answers with the existing personal chat when there is one; it refuses
/// (403/404) when the app is not installed for the person, and the shared room is then told how to open it themselves.
/// </summary>
public sealed class TeamsPersonalChat : IPersonalChat
{
    public async Task<bool> SendAsync(ITurnContext turnContext, IMessageActivity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(message);
        var activity = turnContext.Activity;
        var connector = turnContext.TurnState.Get<IConnectorClient>();
        var tenantId = ActivityTenant.Of(activity);
        if (connector is null || activity.From is null || tenantId is null)
        {
            return false;
        }

        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = activity.Recipient,
            Members = [new ChannelAccount(activity.From.Id, activity.From.Name, aadObjectId: activity.From.AadObjectId)],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(tenantId) },
        };
        try
        {
            var created = await connector.Conversations.CreateConversationAsync(parameters, cancellationToken).ConfigureAwait(false);
            var post = (Activity)message;
            post.From = activity.Recipient;
            post.Recipient = activity.From;
            post.ChannelId = activity.ChannelId;
            post.ServiceUrl = activity.ServiceUrl;
            post.Conversation = new ConversationAccount(isGroup: false, id: created.Id, tenantId: tenantId, conversationType: "personal");
            await connector.Conversations.SendToConversationAsync(post, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ErrorResponseException ex) when (ex.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            // The connector cannot be reached: the room's one line tells the person to open the chat themselves.
            return false;
        }
    }
}

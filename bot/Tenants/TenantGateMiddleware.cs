using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Bot.Telemetry;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;

namespace SupportBot.Bot.Tenants;

/// <summary>
/// The first thing every turn meets: an activity from a tenant that has not joined (nor an adviser's) gets one kind
/// card — 112 first, SKR's switchboard, how an organisation joins — and goes no further. It runs before the
/// duplicate-delivery claim and the handler, so nothing is stored for it: no state, no claim, no conversation reference.
/// </summary>
public sealed partial class TenantGateMiddleware(TenantDirectory tenants, PlaceCards cards, ILogger<TenantGateMiddleware> logger, SupportBotMetrics? metrics = null) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (tenants.IsOnboarded(ActivityTenant.Of(activity)))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        metrics?.TenantRefused();
        LogRefused(logger, activity.Type);
        var language = UserLanguages.FromLocale(activity.Locale);
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await turnContext.SendActivityAsync(cards.NotOnboarded(language), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.ConversationUpdate when activity.MembersAdded?.Count > 0:
                // The first moment a person meets the bot: say at once why it cannot help them, rather than a welcome.
                await turnContext.SendActivityAsync(cards.NotOnboarded(language), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Invoke:
                // A card button: answered in the HTTP response (a refusal card in place of the one clicked), never an error.
                await turnContext.SendActivityAsync(
                    new Activity
                    {
                        Type = ActivityTypesEx.InvokeResponse,
                        Value = new InvokeResponse
                        {
                            Status = 200,
                            Body = new AdaptiveCardInvokeResponse
                            {
                                StatusCode = 200,
                                Type = CardAttachments.AdaptiveCardContentType,
                                Value = Newtonsoft.Json.Linq.JObject.Parse(cards.NotOnboardedCard(language).ToJsonString()),
                            },
                        },
                    },
                    cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "A {ActivityType} from a tenant that has not joined was refused; nothing stored")]
    private static partial void LogRefused(ILogger logger, string activityType);
}

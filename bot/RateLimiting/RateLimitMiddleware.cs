using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Bot.Telemetry;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Limits;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Bot.RateLimiting;

/// <summary>
/// The first step of the turn pipeline, after the adapter has authenticated the request: each person's turns and their
/// expensive actions are counted (see <see cref="RateLimitOptions"/>). A limited turn is not processed and never fails:
/// the HTTP answer stays 200; a message gets one kind "slow down" card per window (later ones get no reply, so a flood
/// is not answered with a flood); a card action (invoke) gets a card saying so in place of the one clicked.
/// Refused card actions reported by the turn (<see cref="TurnSignals"/>) are counted, and past their limit card actions stop.
/// </summary>
public sealed class RateLimitMiddleware(PersonRateLimiter limiter, TriageCards cards, TextCatalog texts, SupportBotMetrics? metrics = null) : Microsoft.Bot.Builder.IMiddleware
{
    public const string NoticeKey = "limits.tooMany";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        var person = PersonOf(activity?.From);
        if (activity is null || person is null)
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        var (kind, isCardAction) = Classify(activity);
        var refusedKind = !limiter.TryAcquire(RateLimitKind.Turn, person) ? RateLimitKind.Turn
            : kind is { } specific && !limiter.TryAcquire(specific, person) ? specific
            : isCardAction && !limiter.HasPermits(RateLimitKind.RefusedAction, person) ? RateLimitKind.RefusedAction
            : (RateLimitKind?)null;
        if (refusedKind is { } refused)
        {
            metrics?.RateLimited(refused.ToString());
            await AnswerLimitedAsync(turnContext, person, cancellationToken).ConfigureAwait(false);
            return;
        }

        await next(cancellationToken).ConfigureAwait(false);
        if (TurnSignals.RefusalOf(turnContext) is { } reason)
        {
            metrics?.ActionRefused(reason);
            limiter.TryAcquire(RateLimitKind.RefusedAction, person);
        }
    }

    /// <summary>Whom the limits count: the Entra object id where Teams sends it (stable across chats), else the channel id.</summary>
    internal static string? PersonOf(ChannelAccount? from) =>
        !string.IsNullOrEmpty(from?.AadObjectId) ? from.AadObjectId : string.IsNullOrEmpty(from?.Id) ? null : from.Id;

    /// <summary>The specific limit a turn also counts against (if any), and whether it is a card's button.</summary>
    internal static (RateLimitKind? Kind, bool IsCardAction) Classify(IActivity activity)
    {
        var verb = VerbOf(activity);
        if (verb is null)
        {
            return (null, false);
        }

        RateLimitKind? kind = verb switch
        {
            ErasureDesk.Confirm or ErasureDesk.Cancel => RateLimitKind.Erasure,
            CaseCommand.AddInformation => RateLimitKind.AddInformation,
            ChecklistCommand.Share => RateLimitKind.Share,
            _ => null,
        };
        var isCardAction = ErasureDesk.IsErasureVerb(verb) || CaseCommand.IsCaseVerb(verb) || ChecklistCommand.IsChecklistVerb(verb);
        return (kind, isCardAction);
    }

    private static string? VerbOf(IActivity activity)
    {
        if (activity is IMessageActivity message && message.Type == ActivityTypes.Message)
        {
            return message.Value is not null && string.IsNullOrWhiteSpace(message.Text) ? UserInput.FromCardValue(message.Value).Verb : null;
        }

        if (activity is IInvokeActivity { Name: "adaptiveCard/action" } invoke)
        {
            var value = invoke.Value as JObject ?? (invoke.Value is string s ? TryParse(s) : null);
            // Any shape can arrive here ("action" a string, null, an array): only an object's string verb counts.
            return value?["action"] is JObject action && action["verb"] is { Type: JTokenType.String } verb ? verb.ToString() : null;
        }

        return null;
    }

    private static JObject? TryParse(string json)
    {
        try
        {
            return JObject.Parse(json);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }

    private async Task AnswerLimitedAsync(ITurnContext turnContext, string person, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var language = UserLanguages.FromLocale(activity.Locale);
        if (activity.Type == ActivityTypes.Invoke)
        {
            // An invoke waits for its answer in the HTTP response: a card for a card's button, an empty 200 otherwise.
            object? body = activity.Name == "adaptiveCard/action"
                ? new AdaptiveCardInvokeResponse
                {
                    StatusCode = 200,
                    Type = CardAttachments.AdaptiveCardContentType,
                    Value = JObject.Parse(cards.InfoCard(texts.Get(language, NoticeKey), string.Empty, [], string.Empty, language).ToJsonString()),
                }
                : null;
            await turnContext.SendActivityAsync(new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = 200, Body = body } }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (activity.Type == ActivityTypes.Message && limiter.TryAcquire(RateLimitKind.Notice, person))
        {
            await turnContext.SendActivityAsync(cards.Notice(NoticeKey, language), cancellationToken).ConfigureAwait(false);
        }
    }
}

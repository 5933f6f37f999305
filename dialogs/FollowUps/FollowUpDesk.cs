using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.FollowUps;

/// <summary>
/// The follow-up card's buttons, from the reporter's personal chat: "Skicka svar" saves the answers on the case (and "något
/// nytt har hänt" raises the case through <see cref="CaseLifecycle"/>), "Stäng av uppföljning" stops the case's cards.
/// Only the case's own reporter can do either; bad input gets a kind message and nothing is stored.
/// </summary>
public sealed class FollowUpDesk(IFollowUpStore followUps, ICaseStore cases, CaseLifecycle lifecycle, FollowUpCards cards, FollowUpSchedule schedule, TriageCards triageCards, TimeProvider time) : ICardVerbSource
{
    public const string Prefix = "followup.";
    public const string Answer = "followup.answer";
    public const string Stop = "followup.stop";

    /// <summary>Lost ETag races re-read and try again; more in a row is not a race.</summary>
    private const int MaxAttempts = 3;

    public static bool IsFollowUpVerb(string? verb) => verb is not null && verb.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The follow-up card's two buttons (Action.Submit).</summary>
    public void RegisterVerbs(CardVerbRegistry verbs)
    {
        ArgumentNullException.ThrowIfNull(verbs);
        foreach (var verb in new[] { Answer, Stop })
        {
            verbs.Add(verb, CardVerbStage.BeforeDialog, async (click, ct) =>
            {
                await SubmitAsync(click.Turn, click.Verb, click.Value, click.Language, ct).ConfigureAwait(false);
                return null;
            });
        }
    }

    /// <summary>Handles one click; every reply goes to the person who clicked.</summary>
    public async Task SubmitAsync(ITurnContext turnContext, string verb, object? value, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var data = value as JObject ?? new JObject();
        var reporterId = ReporterIds.Of(turnContext.Activity.From);
        var caseNumber = Text(data["case"]);
        var record = reporterId.Length == 0 || !CaseCommand.IsCaseNumber(caseNumber)
            ? null
            : await cases.GetForReporterAsync(reporterId, caseNumber!, cancellationToken).ConfigureAwait(false);
        var followUp = record is null ? null : await followUps.GetAsync(record.OrganisationKey, record.CaseNumber, cancellationToken).ConfigureAwait(false);
        if (record is null || followUp is null)
        {
            await ReplyAsync(turnContext, cards.Text("followUp.notFound", language), language, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reply = verb switch
        {
            Stop => await StopAsync(followUp, language, cancellationToken).ConfigureAwait(false),
            Answer => await AnswerAsync(turnContext, record, followUp, data, language, cancellationToken).ConfigureAwait(false),
            _ => cards.Text("followUp.notFound", language),
        };
        if (reply.Length > 0)
        {
            await ReplyAsync(turnContext, reply, language, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> StopAsync(FollowUpRecord followUp, UserLanguage language, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (followUp.Stopped)
            {
                return cards.Text("followUp.alreadyStopped", language, ("number", followUp.CaseNumber));
            }

            if (await followUps.UpdateAsync(followUp with { Stopped = true, NextDueAt = null }, cancellationToken).ConfigureAwait(false) is not null)
            {
                return cards.Text("followUp.stopped", language, ("number", followUp.CaseNumber));
            }

            followUp = await followUps.GetAsync(followUp.OrganisationKey, followUp.CaseNumber, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A follow-up disappeared while it was turned off.");
        }

        throw new InvalidOperationException($"The follow-up of case {followUp.CaseNumber} kept changing while it was turned off.");
    }

    private async Task<string> AnswerAsync(ITurnContext turnContext, CaseRecord record, FollowUpRecord followUp, JObject data, UserLanguage language, CancellationToken cancellationToken)
    {
        var wellbeing = Choice(data["wellbeing"]);
        var police = Choice(data["police"]);
        var newEventChoice = Choice(data["newEvent"]);
        var text = Text(data["text"])?.Trim();
        if ((wellbeing is not null && !FollowUpChoices.Wellbeing.Contains(wellbeing))
            || (police is not null && !FollowUpChoices.Police.Contains(police))
            || newEventChoice is not (null or "yes" or "no"))
        {
            return cards.Text("followUp.unknownChoice", language);
        }

        if (text is { Length: > FollowUpCards.MaxTextLength })
        {
            return cards.Text("followUp.textTooLong", language, ("max", FollowUpCards.MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("length", text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var newEvent = newEventChoice == "yes";
        if (wellbeing is null && police is null && !newEvent && string.IsNullOrEmpty(text))
        {
            return cards.Text("followUp.empty", language);
        }

        var round = int.TryParse(Text(data["round"]), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r) && r >= 1 && r <= schedule.OfficeDays.Count
            ? r
            : Math.Max(1, followUp.Sent);
        var answer = new FollowUpAnswer(round, time.GetUtcNow(), wellbeing, police, newEvent, string.IsNullOrEmpty(text) ? null : text);
        followUp = await SaveAsync(followUp, answer, cancellationToken).ConfigureAwait(false);

        var lines = new List<string> { cards.Text("followUp.saved", language, ("number", record.CaseNumber)) };
        var raised = FollowUpRaise.NotEscalated;
        if (newEvent)
        {
            // The adviser reads Swedish (their cards are Swedish); the reporter's own words follow the standard line.
            var information = cards.Text("followUp.adviserNewEvent", UserLanguage.Swedish) + (answer.Text is { } note ? "\n\n" + note : string.Empty);
            raised = await lifecycle.RaiseFromFollowUpAsync(record, information, cancellationToken).ConfigureAwait(false);
            lines.Add(cards.Text(raised switch
            {
                FollowUpRaise.Reopened => "followUp.newEventReopened",
                FollowUpRaise.AdviserTold => "followUp.newEventAdviser",
                _ => "followUp.newEventLocal",
            }, language));
        }
        else
        {
            lines.Add(cards.Text(followUp.Stopped || followUp.NextDueAt is null ? "followUp.savedLast" : "followUp.savedNext", language));
        }

        await ReplyAsync(turnContext, string.Join("\n\n", lines), language, cancellationToken).ConfigureAwait(false);
        if (newEvent && raised == FollowUpRaise.NotEscalated)
        {
            // Not sent to the advisers: the case's guidance again, with its own "ask the advisers" where that is allowed.
            await turnContext.SendActivityAsync(triageCards.Guidance(record, language), cancellationToken).ConfigureAwait(false);
        }

        return string.Empty;
    }

    /// <summary>Adds the answer (a second answer to the same card replaces the first), guarded by the row's ETag.</summary>
    private async Task<FollowUpRecord> SaveAsync(FollowUpRecord followUp, FollowUpAnswer answer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var changed = followUp with { Answers = [.. followUp.Answers.Where(a => a.Round != answer.Round), answer] };
            if (await followUps.UpdateAsync(changed, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return saved;
            }

            followUp = await followUps.GetAsync(followUp.OrganisationKey, followUp.CaseNumber, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A follow-up disappeared while it was answered.");
        }

        throw new InvalidOperationException($"The follow-up of case {followUp.CaseNumber} kept changing while it was answered.");
    }

    private Task<ResourceResponse> ReplyAsync(ITurnContext turnContext, string text, UserLanguage language, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(triageCards.Message(text, string.Empty, [], string.Empty, language), cancellationToken);

    private static string? Choice(JToken? token) => Text(token)?.Trim() is { Length: > 0 } choice ? choice : null;

    private static string? Text(JToken? token) => token?.Type is JTokenType.String or JTokenType.Integer ? token.ToString() : null;
}

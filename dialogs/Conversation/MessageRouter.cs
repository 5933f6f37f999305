using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Questions;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Conversation;

/// <summary>
/// Decides what a message is for: the dialog in progress first (it handles 112, back, cancel and help
/// itself), then commands typed or clicked outside a dialog, greetings, and for anything else a question in plain words
/// answered from the content.
/// </summary>
public sealed class MessageRouter(
    DialogEngine engine,
    CommandRecognizer commands,
    DialogVocabulary vocabulary,
    HelpCards helpCards,
    IDialogRenderer dialogCards,
    TriageCards triageCards,
    ICaseStore cases,
    EscalationRequests escalations,
    AdviserDesk desk,
    OverviewRequests overview,
    ChecklistDesk checklists,
    FlowCatalog flows,
    ErasureDesk erasure,
    QuestionDesk questions,
    TenantDirectory tenants,
    PlaceCards placeCards,
    IPersonalChat personalChat,
    SubscriptionDesk subscriptions,
    FollowUps.FollowUpDesk? followUps = null)
{
    public async Task RouteAsync(ITurnContext<IMessageActivity> turnContext, ConversationData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var activity = turnContext.Activity;
        var input = activity.Value is not null && string.IsNullOrWhiteSpace(activity.Text)
            ? UserInput.FromCardValue(activity.Value)
            : UserInput.FromText(activity.RemoveRecipientMention());
        var userId = activity.From?.Id;
        data.RememberLocale(userId, activity.Locale);

        // "svenska" / "english" (typed, or the welcome and help cards' switch) work at any point, also in the middle of a triage.
        if (LanguageChoice(input) is { } chosen && userId is not null)
        {
            data.LanguageByUser[userId] = chosen.Code();
            if (!await engine.RepromptAsync(turnContext, data, chosen, cancellationToken).ConfigureAwait(false))
            {
                await turnContext.SendActivityAsync(helpCards.Help(chosen, notUnderstood: false), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var language = data.LanguageFor(userId, activity.Locale);

        // Group chats and channels are shared rooms: case work moves to the personal chat before anything is read or changed.
        if (Places.IsSharedRoom(activity) && CaseWorkIn(input) is { } work)
        {
            data.Dialog = null;
            await MoveToPersonalChatAsync(turnContext, work, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A case card's button (an adviser's action, the reporter's added information) is about that case, not about
        // a triage the person may have in progress: it never goes to the dialog.
        if (input.IsCardSubmit && CaseCommand.IsCaseVerb(input.Verb))
        {
            await TurnClaims.ClaimAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await desk.SubmitAsync(turnContext, activity.Value, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        // "radera mina uppgifter" works at any point, like the language words: the card asks first and changes nothing,
        // and its buttons are never a triage answer.
        if (input.IsCardSubmit && ErasureDesk.IsErasureVerb(input.Verb))
        {
            await TurnClaims.ClaimAsync(turnContext, cancellationToken).ConfigureAwait(false);
            var answer = await erasure.SubmitAsync(turnContext, data, input.Verb!, input.Value, language, cancellationToken).ConfigureAwait(false);
            await turnContext.SendActivityAsync(answer, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!input.IsCardSubmit && commands.Recognize(input.Text) == "erase")
        {
            await turnContext.SendActivityAsync(erasure.Confirmation(activity.From, ActivityTenant.Of(activity), language), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Likewise a checklist card's button (open, save, reset, share): about that checklist, never a triage answer.
        if (input.IsCardSubmit && ChecklistCommand.IsChecklistVerb(input.Verb))
        {
            await TurnClaims.ClaimAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await checklists.SubmitAsync(turnContext, data, activity.Value, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A follow-up card's button (answer, turn off): about that case, never a triage answer.
        if (input.IsCardSubmit && followUps is not null && FollowUps.FollowUpDesk.IsFollowUpVerb(input.Verb))
        {
            await TurnClaims.ClaimAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await followUps.SubmitAsync(turnContext, input.Verb!, activity.Value, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A pasted screenshot or attached file: acknowledged with the evidence advice, never stored and never read as an
        // answer (a triage shows its question again, with no attempt counted). Text sent with it is handled as usual.
        if (!input.IsCardSubmit && PastedFile.IsIn(activity))
        {
            await turnContext.SendActivityAsync(dialogCards.Notice("input.attachment", language), cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(input.Text))
            {
                await engine.RepromptAsync(turnContext, data, language, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (await engine.ContinueAsync(turnContext, data, input, language, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var reply = input.IsCardSubmit
            ? await CardActionAsync(turnContext, data, input, language, cancellationToken).ConfigureAwait(false)
            : await TypedCommandAsync(turnContext, data, input.Text, language, cancellationToken).ConfigureAwait(false);
        if (reply is not null)
        {
            await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        }
    }

    private UserLanguage? LanguageChoice(UserInput input)
    {
        var code = input.IsCardSubmit
            ? input.Verb == HelpCards.LanguageVerb ? input.Value : null
            : commands.Recognize(input.Text) switch { "language-sv" => "sv", "language-en" => "en", _ => null };
        return code switch { "sv" => UserLanguage.Swedish, "en" => UserLanguage.English, _ => null };
    }

    private async Task<IActivity?> TypedCommandAsync(ITurnContext turnContext, ConversationData data, string? text, UserLanguage language, CancellationToken cancellationToken)
    {
        if (vocabulary.CommandFor(text) == DialogCommand.Emergency)
        {
            return dialogCards.Emergency(language, offerResume: false);
        }

        // "hej", "hallå", "hello", "hi": the welcome with its buttons. Someone who has not chosen a language is answered
        // in the language they greeted in, and it is remembered.
        if (commands.Greeting(text) is { } greeted)
        {
            var userId = turnContext.Activity.From?.Id;
            if (userId is not null && !data.LanguageByUser.ContainsKey(userId) && data.KeptLanguage is null)
            {
                data.FirstLanguageByUser[userId] = greeted.Code();
                language = greeted;
            }

            data.WelcomeShown = true;
            return helpCards.Welcome(language, greeted: true);
        }

        return await CommandAsync(turnContext, data, commands.Recognize(text), text, language, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command by its id, typed or from a card's main-action button.</summary>
    private async Task<IActivity?> CommandAsync(ITurnContext turnContext, ConversationData data, string? commandId, string? text, UserLanguage language, CancellationToken cancellationToken)
    {
        switch (commandId)
        {
            case "report":
                return await StartReportAsync(turnContext, data, language, cancellationToken).ConfigureAwait(false);
            case "my-cases":
                return await MyCasesAsync(turnContext, language, page: null, cancellationToken).ConfigureAwait(false);
            case "overview":
                return await overview.OverviewAsync(turnContext, language, cancellationToken).ConfigureAwait(false);
            case "checklist":
                return await checklists.ListAsync(turnContext, language, cancellationToken).ConfigureAwait(false);
            case "help":
                return helpCards.Help(language, notUnderstood: false);
            case "subscribe":
                return await subscriptions.SubscribeAsync(turnContext, language, cancellationToken).ConfigureAwait(false);
            case "unsubscribe":
                return await subscriptions.UnsubscribeAsync(turnContext, language, cancellationToken).ConfigureAwait(false);
            default:
                // "återställ" right after opening a checklist resets it; anything else is a question in plain words, answered
                // from the content (112 first when it names an emergency), or honestly not.
                if (await checklists.TypedResetAsync(turnContext, data, text, language, cancellationToken).ConfigureAwait(false) is { } reset)
                {
                    return reset;
                }

                if (string.IsNullOrWhiteSpace(text))
                {
                    return helpCards.Help(language, notUnderstood: true);
                }

                var reply = questions.Answer(text, language);
                if (reply.Emergency is not null)
                {
                    await turnContext.SendActivityAsync(reply.Emergency, cancellationToken).ConfigureAwait(false);
                }

                return reply.Answer ?? helpCards.Help(language, notUnderstood: true);
        }
    }

    private async Task<IActivity?> CardActionAsync(ITurnContext turnContext, ConversationData data, UserInput input, UserLanguage language, CancellationToken cancellationToken)
    {
        var reporter = ReporterIds.Of(turnContext.Activity.From);
        switch (input.Verb)
        {
            case "escalate":
                await escalations.EscalateAsync(turnContext, input.Value, language, cancellationToken).ConfigureAwait(false);
                return null;
            case "escalateconfirmed":
                await escalations.EscalateAsync(turnContext, input.Value, language, cancellationToken, confirmed: true).ConfigureAwait(false);
                return null;
            case "sharecase":
                // The exposed official's own case, as a card to forward to their organisation's and party's security officers.
                var shared = await cases.GetForReporterAsync(reporter, input.Value ?? string.Empty, cancellationToken).ConfigureAwait(false);
                return shared is null
                    ? triageCards.Notice("cases.notFound", language)
                    : triageCards.ShareCase(shared, flows[TriageCompletion.TriageFlowId], language);
            case "checklist":
                // The guidance card's "Visa checklista": the interactive checklists that fit the case, one card each.
                var fitting = await cases.GetForReporterAsync(reporter, input.Value ?? string.Empty, cancellationToken).ConfigureAwait(false);
                if (fitting is null)
                {
                    return triageCards.Notice("cases.notFound", language);
                }

                foreach (var message in await checklists.ForCaseAsync(turnContext, data, fitting, language, cancellationToken).ConfigureAwait(false))
                {
                    await turnContext.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
                }

                return null;
            case "opencase":
                var record = await cases.GetForReporterAsync(reporter, input.Value ?? string.Empty, cancellationToken).ConfigureAwait(false);
                if (record is null)
                {
                    return triageCards.Notice("cases.notFound", language);
                }

                return triageCards.Guidance(record, language);
            case "mycases":
                return await MyCasesAsync(turnContext, language, input.Value, cancellationToken).ConfigureAwait(false);
            case SubscriptionCards.OpenAnswerVerb:
                return questions.AnswerFor(input.Value, language) ?? helpCards.Help(language, notUnderstood: true);
            case HelpCards.StartVerb when input.Value is "report" or "checklist" or "my-cases" or "subscribe":
                return await CommandAsync(turnContext, data, input.Value, null, language, cancellationToken).ConfigureAwait(false);
            case "command" when DialogVocabulary.ParseCommandKey(input.Value) == DialogCommand.Emergency:
                return dialogCards.Emergency(language, offerResume: false);
            case "command" when DialogVocabulary.ParseCommandKey(input.Value) == DialogCommand.Restart:
                return await StartReportAsync(turnContext, data, language, cancellationToken).ConfigureAwait(false);
            default:
                // A button from a finished dialog or an unknown verb: say what can be done now.
                return helpCards.Help(language, notUnderstood: true);
        }
    }

    /// <summary>"mina ärenden": an adviser's queue for SKL's advisers, the cases they reported for everyone else.</summary>
    private async Task<IActivity> MyCasesAsync(ITurnContext turnContext, UserLanguage language, string? page, CancellationToken cancellationToken)
    {
        if (desk.AdviserFor(turnContext.Activity.From, ActivityTenant.Of(turnContext.Activity)) is { } adviser)
        {
            return await desk.QueueAsync(adviser, language, page, cancellationToken).ConfigureAwait(false);
        }

        var mine = await cases.ListByReporterAsync(ReporterIds.Of(turnContext.Activity.From), cancellationToken).ConfigureAwait(false);
        return triageCards.CaseList(mine, language, flows[TriageCompletion.TriageFlowId]);
    }

    /// <summary>A report needs an organisation: the tenant's (an adviser-only tenant has none to report for).</summary>
    private async Task<IActivity?> StartReportAsync(ITurnContext turnContext, ConversationData data, UserLanguage language, CancellationToken cancellationToken)
    {
        if (tenants.OrganisationsOf(ActivityTenant.Of(turnContext.Activity)).Count == 0)
        {
            return triageCards.Notice("tenants.noOrganisation", language);
        }

        await engine.StartAsync(turnContext, data, TriageCompletion.TriageFlowId, language, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>What case work a message in a shared room asks for (a text key naming it); null for what the room may have.</summary>
    private string? CaseWorkIn(UserInput input)
    {
        if (input.IsCardSubmit)
        {
            return input.Verb switch
            {
                _ when CaseCommand.IsCaseVerb(input.Verb) => "places.work.case",
                _ when ErasureDesk.IsErasureVerb(input.Verb) => "places.work.erase",
                _ when FollowUps.FollowUpDesk.IsFollowUpVerb(input.Verb) => "places.work.case",
                "escalate" or "checklist" or "opencase" => "places.work.case",
                "mycases" => "places.work.myCases",
                HelpCards.StartVerb when input.Value == "report" => "places.work.report",
                HelpCards.StartVerb when input.Value == "my-cases" => "places.work.myCases",
                HelpCards.StartVerb when input.Value == "subscribe" => "places.work.subscribe",
                "command" when DialogVocabulary.ParseCommandKey(input.Value) == DialogCommand.Restart => "places.work.report",
                _ => null,
            };
        }

        if (vocabulary.CommandFor(input.Text) == DialogCommand.Emergency)
        {
            return null;
        }

        return commands.Recognize(input.Text) switch
        {
            "report" => "places.work.report",
            "my-cases" => "places.work.myCases",
            "overview" => "places.work.overview",
            "erase" => "places.work.erase",
            "subscribe" => "places.work.subscribe",
            "unsubscribe" => "places.work.unsubscribe",
            _ => null,
        };
    }

    /// <summary>One line in the shared room, and the same request waiting in the person's personal chat (where Teams allows the bot to open it).</summary>
    private async Task MoveToPersonalChatAsync(ITurnContext turnContext, string work, UserLanguage language, CancellationToken cancellationToken)
    {
        var invitation = placeCards.PersonalChatInvitation(work, language);
        var opened = await personalChat.SendAsync(turnContext, invitation, cancellationToken).ConfigureAwait(false);
        await turnContext.SendActivityAsync(placeCards.MovedLine(work, opened, language), cancellationToken).ConfigureAwait(false);
    }
}

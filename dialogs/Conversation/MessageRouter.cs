using System.Text.Json.Nodes;
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
/// answered from the content. It is also the one dispatcher for card buttons: Action.Submit (here) and Action.Execute
/// (<see cref="ExecuteAsync"/>) look their verb up in one <see cref="CardVerbRegistry"/>, where each feature registered
/// its verbs with their handler.
/// </summary>
public sealed class MessageRouter(
    DialogEngine engine,
    CommandRecognizer commands,
    DialogVocabulary vocabulary,
    HelpCards helpCards,
    IDialogRenderer dialogCards,
    TriageCards triageCards,
    ICaseStore cases,
    EscalationDesk escalations,
    AdviserDesk desk,
    OverviewDesk overview,
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
    private CardVerbRegistry? _verbs;

    /// <summary>Every card verb with a handler.</summary>
    public IReadOnlyCollection<string> CardVerbs => Verbs.Names;

    private CardVerbRegistry Verbs => LazyInitializer.EnsureInitialized(ref _verbs, RegisterVerbs);

    /// <summary>
    /// An Action.Execute (Universal Actions): the card Teams shows in place of the one clicked. Refusals come back the same
    /// way (a card saying why), never as an error status. Case work never happens in a shared room: the card there says
    /// where it continues; checklists may be used anywhere.
    /// </summary>
    public async Task<JsonObject> ExecuteAsync(ITurnContext turnContext, ConversationData data, string? verb, object? cardData, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        if (Places.IsSharedRoom(turnContext.Activity) && !ChecklistCommand.IsChecklistVerb(verb))
        {
            return placeCards.MovedCard("places.work.case", language);
        }

        if (Verbs.Find(verb) is not { Execute: { } execute })
        {
            return triageCards.InfoCard(helpCards.ButtonUnavailable(language), string.Empty, [], string.Empty, language);
        }

        return await execute(new CardClick(turnContext, data, verb!, cardData, null, language), cancellationToken).ConfigureAwait(false);
    }

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

        var language = data.LanguageFor(userId, activity.Locale);
        var verb = input.IsCardSubmit ? Verbs.Find(input.Verb) : null;
        var click = verb is null ? null : new CardClick(turnContext, data, verb.Name, activity.Value, input.Value, language);

        // "svenska" / "english" (typed, or the welcome and help cards' switch) work at any point, also in the middle of a triage.
        if (verb is { Stage: CardVerbStage.First, Submit: { } first })
        {
            await SendAsync(turnContext, await first(click!, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!input.IsCardSubmit && LanguageCode(commands.Recognize(input.Text)) is { } typed && userId is not null)
        {
            await SwitchLanguageAsync(turnContext, data, userId, typed, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Group chats and channels are shared rooms: case work moves to the personal chat before anything is read or changed.
        if (Places.IsSharedRoom(activity) && CaseWorkIn(input) is { } work)
        {
            data.Dialog = null;
            await MoveToPersonalChatAsync(turnContext, work, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A case, checklist, follow-up or erasure card's button is about that case, checklist or the person's data, not about
        // a triage the person may have in progress: it never goes to the dialog.
        if (verb is { Stage: CardVerbStage.BeforeDialog, Submit: { } before })
        {
            await TurnClaims.ClaimAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await SendAsync(turnContext, await before(click!, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return;
        }

        // "radera mina uppgifter" works at any point, like the language words: the card asks first and changes nothing.
        if (!input.IsCardSubmit && commands.Recognize(input.Text) == "erase")
        {
            await turnContext.SendActivityAsync(erasure.Confirmation(activity.From, ActivityTenant.Of(activity), language), cancellationToken).ConfigureAwait(false);
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
            ? await CardActionAsync(verb, click, input.Verb, language, cancellationToken).ConfigureAwait(false)
            : await TypedCommandAsync(turnContext, data, input.Text, language, cancellationToken).ConfigureAwait(false);
        await SendAsync(turnContext, reply, cancellationToken).ConfigureAwait(false);
    }

    private static async Task SendAsync(ITurnContext turnContext, IActivity? reply, CancellationToken cancellationToken)
    {
        if (reply is not null)
        {
            await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An Action.Submit no dialog took: its verb's handler; a finished dialog's button and a submit without a verb get the
    /// help card, a verb nobody answers (a card from an older version of the bot) the kind "no longer available".
    /// </summary>
    private async Task<IActivity?> CardActionAsync(CardVerb? verb, CardClick? click, string? given, UserLanguage language, CancellationToken cancellationToken) => verb switch
    {
        { Stage: CardVerbStage.AfterDialog, Submit: { } after } => await after(click!, cancellationToken).ConfigureAwait(false),
        null when given != UserInput.MissingVerb => triageCards.Notice("cardButtons.unavailable", language),
        _ => helpCards.Help(language, notUnderstood: true),
    };

    /// <summary>
    /// The verbs this conversation answers: each feature's own (case, checklist, follow-up, escalation), then erasure, the
    /// language switch, the dialog's buttons and the guidance, help and list cards' buttons.
    /// </summary>
    private CardVerbRegistry RegisterVerbs()
    {
        var verbs = new CardVerbRegistry();
        foreach (var source in new ICardVerbSource?[] { desk, checklists, followUps, escalations })
        {
            source?.RegisterVerbs(verbs);
        }

        foreach (var erase in new[] { ErasureDesk.Confirm, ErasureDesk.Cancel })
        {
            verbs.Add(erase, CardVerbStage.BeforeDialog, async (click, ct) =>
                await erasure.SubmitAsync(click.Turn, click.Data, click.Verb, click.ValueText, click.Language, ct).ConfigureAwait(false));
        }

        verbs.Add(HelpCards.LanguageVerb, CardVerbStage.First, LanguageButtonAsync);
        verbs.Add(DialogEngine.AnswerVerb, CardVerbStage.DialogOnly);
        verbs.Add(DialogEngine.CommandVerb, CardVerbStage.AfterDialog, CommandButtonAsync);
        verbs.Add(ShareCaseVerb, CardVerbStage.AfterDialog, ShareCaseAsync);
        verbs.Add(CaseChecklistVerb, CardVerbStage.AfterDialog, CaseChecklistsAsync);
        verbs.Add(OpenCaseVerb, CardVerbStage.AfterDialog, OpenCaseAsync);
        verbs.Add(MyCasesVerb, CardVerbStage.AfterDialog, async (click, ct) => await MyCasesAsync(click.Turn, click.Language, click.ValueText, ct).ConfigureAwait(false));
        verbs.Add(SubscriptionCards.OpenAnswerVerb, CardVerbStage.AfterDialog, (click, _) =>
            Task.FromResult<IActivity?>(questions.AnswerFor(click.ValueText, click.Language) ?? helpCards.Help(click.Language, notUnderstood: true)));
        verbs.Add(HelpCards.StartVerb, CardVerbStage.AfterDialog, StartButtonAsync);
        return verbs;
    }

    private static UserLanguage? LanguageCode(string? code) => code switch
    {
        "sv" or "language-sv" => UserLanguage.Swedish,
        "en" or "language-en" => UserLanguage.English,
        _ => null,
    };

    /// <summary>The welcome and help cards' language switch; a malformed one gets the help card.</summary>
    private async Task<IActivity?> LanguageButtonAsync(CardClick click, CancellationToken cancellationToken)
    {
        var userId = click.Turn.Activity.From?.Id;
        if (click.ValueText is not ("sv" or "en") || userId is null)
        {
            return helpCards.Help(click.Language, notUnderstood: true);
        }

        await SwitchLanguageAsync(click.Turn, click.Data, userId, LanguageCode(click.ValueText)!.Value, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task SwitchLanguageAsync(ITurnContext turnContext, ConversationData data, string userId, UserLanguage chosen, CancellationToken cancellationToken)
    {
        data.LanguageByUser[userId] = chosen.Code();
        if (!await engine.RepromptAsync(turnContext, data, chosen, cancellationToken).ConfigureAwait(false))
        {
            await turnContext.SendActivityAsync(helpCards.Help(chosen, notUnderstood: false), cancellationToken).ConfigureAwait(false);
        }
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

    public const string ShareCaseVerb = "sharecase";
    public const string CaseChecklistVerb = "checklist";
    public const string OpenCaseVerb = "opencase";
    public const string MyCasesVerb = "mycases";

    /// <summary>The exposed official's own case, as a card to forward to their organisation's and party's security officers.</summary>
    private async Task<IActivity?> ShareCaseAsync(CardClick click, CancellationToken cancellationToken)
    {
        var shared = await cases.GetForReporterAsync(ReporterIds.Of(click.Turn.Activity.From), click.ValueText ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return shared is null
            ? triageCards.Notice("cases.notFound", click.Language)
            : triageCards.ShareCase(shared, flows[TriageCompletion.TriageFlowId], click.Language);
    }

    /// <summary>The guidance card's "Visa checklista": the interactive checklists that fit the case, one card each.</summary>
    private async Task<IActivity?> CaseChecklistsAsync(CardClick click, CancellationToken cancellationToken)
    {
        var fitting = await cases.GetForReporterAsync(ReporterIds.Of(click.Turn.Activity.From), click.ValueText ?? string.Empty, cancellationToken).ConfigureAwait(false);
        if (fitting is null)
        {
            return triageCards.Notice("cases.notFound", click.Language);
        }

        foreach (var message in await checklists.ForCaseAsync(click.Turn, click.Data, fitting, click.Language, cancellationToken).ConfigureAwait(false))
        {
            await click.Turn.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<IActivity?> OpenCaseAsync(CardClick click, CancellationToken cancellationToken)
    {
        var record = await cases.GetForReporterAsync(ReporterIds.Of(click.Turn.Activity.From), click.ValueText ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return record is null ? triageCards.Notice("cases.notFound", click.Language) : triageCards.Guidance(record, click.Language);
    }

    /// <summary>The welcome and help cards' main actions.</summary>
    private async Task<IActivity?> StartButtonAsync(CardClick click, CancellationToken cancellationToken) =>
        click.ValueText is "report" or "checklist" or "my-cases" or "subscribe"
            ? await CommandAsync(click.Turn, click.Data, click.ValueText, null, click.Language, cancellationToken).ConfigureAwait(false)
            : helpCards.Help(click.Language, notUnderstood: true);

    /// <summary>A dialog's "112" and "börja om" buttons, clicked when no dialog is in progress.</summary>
    private async Task<IActivity?> CommandButtonAsync(CardClick click, CancellationToken cancellationToken) =>
        DialogVocabulary.ParseCommandKey(click.ValueText) switch
        {
            DialogCommand.Emergency => dialogCards.Emergency(click.Language, offerResume: false),
            DialogCommand.Restart => await StartReportAsync(click.Turn, click.Data, click.Language, cancellationToken).ConfigureAwait(false),
            _ => helpCards.Help(click.Language, notUnderstood: true),
        };

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

        data.LastCase = null; // kept for the guidance card's buttons; a new triage does not carry it in every turn's state
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

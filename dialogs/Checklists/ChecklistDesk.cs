using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Checklists;

/// <summary>
/// Checklists in a turn: the list ("checklista"), one checklist with the person's saved ticks, its buttons (Spara,
/// Återställ, Dela as Action.Execute, answered with the card to show in place; the same as Action.Submit for clients
/// without Universal Actions, updating the clicked card in place when the client says which it was), a case's
/// checklists, and the group chats and channels a person can share to.
/// </summary>
/// <remarks>
/// Ticks are saved per person (the Entra object id when Teams sends one) and checklist. A save applies what the person
/// changed on the card they clicked (ticked or unticked there, against what that card showed) to what is stored, so an
/// old card or a clean shared copy never wipes ticks saved elsewhere. Ids from cards are client input: unknown
/// checklists are answered with the list, unknown items are ignored, and nothing is stored half.
/// </remarks>
public sealed class ChecklistDesk(
    ChecklistContent content,
    ChecklistCards cards,
    IChecklistProgressStore progress,
    IShareTargetStore targets,
    IConversationPoster poster,
    TextCatalog texts,
    TimeProvider time) : ICardVerbSource
{
    /// <summary>The checklist card's buttons, as Action.Execute (Teams) and Action.Submit (other clients).</summary>
    public void RegisterVerbs(CardVerbRegistry verbs)
    {
        ArgumentNullException.ThrowIfNull(verbs);
        foreach (var verb in new[] { ChecklistCommand.Open, ChecklistCommand.Save, ChecklistCommand.Reset, ChecklistCommand.Share })
        {
            verbs.Add(
                verb,
                CardVerbStage.BeforeDialog,
                async (click, ct) =>
                {
                    await SubmitAsync(click.Turn, click.Data, click.Value, click.Language, ct).ConfigureAwait(false);
                    return null;
                },
                (click, ct) => ExecuteAsync(click.Turn, click.Data, click.Verb, click.Value, click.Language, ct));
        }
    }

    /// <summary>Share targets rarely change; refreshing weekly keeps a moved service URL from going stale.</summary>
    private static readonly TimeSpan s_targetRefresh = TimeSpan.FromDays(7);

    /// <summary>A save whose ETag lost against another window is applied once more to the fresh read, then given up.</summary>
    private const int Attempts = 2;

    /// <summary>"checklista": every checklist, with this person's progress where they ticked anything.</summary>
    public async Task<IMessageActivity> ListAsync(ITurnContext turnContext, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return cards.List(await DoneAsync(PersonOf(turnContext), cancellationToken).ConfigureAwait(false), language);
    }

    /// <summary>The checklists that fit a case ("Visa checklista" on its guidance card), one message each.</summary>
    public async Task<IReadOnlyList<IMessageActivity>> ForCaseAsync(ITurnContext turnContext, ConversationData data, CaseRecord record, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(record);
        var person = PersonOf(turnContext);
        Dictionary<string, ChecklistProgress> saved = person.Length == 0 ? [] : (await progress.ListAsync(person, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.ChecklistId, StringComparer.Ordinal);
        var view = await ViewAsync(turnContext, null, false, cancellationToken).ConfigureAwait(false);
        var messages = new List<IMessageActivity>();
        foreach (var checklist in content.ForCase(new TriageAnswers(record.Answers)))
        {
            messages.Add(cards.Message(checklist, Ticked(saved.GetValueOrDefault(checklist.Id), checklist), view, language));
            Remember(turnContext, data, checklist);
        }

        return messages;
    }

    /// <summary>Action.Execute with a "checklist." verb: the card to show in place of the one clicked.</summary>
    public async Task<JsonObject> ExecuteAsync(ITurnContext turnContext, ConversationData data, string? verb, object? cardData, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var command = ChecklistCommand.FromCardData(cardData, verb);
        return await ActAsync(turnContext, data, command, language, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Action.Submit with a "checklist." verb: "open" answers with a new message (the list stays for the next one);
    /// the others update the clicked card in place when the client allows it, else answer with a new message.
    /// </summary>
    public async Task SubmitAsync(ITurnContext turnContext, ConversationData data, object? cardData, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var command = ChecklistCommand.FromCardData(cardData);
        var card = await ActAsync(turnContext, data, command, language, cancellationToken).ConfigureAwait(false);
        // What a notification or a client without cards shows: the 112 line and which checklist it is.
        var summary = texts.Get(language, "emergency.line") + (content.Find(command.ChecklistId) is { } shown ? " — " + shown.Title.For(language) : string.Empty);
        var message = CardAttachments.ToMessage(card, summary);
        if (command.Verb != ChecklistCommand.Open && !string.IsNullOrEmpty(turnContext.Activity.ReplyToId) && await ClickedCard.TryReplaceAsync(turnContext, message, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await turnContext.SendActivityAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A typed "återställ"/"reset" right after a checklist was opened here resets that checklist; null when the text is
    /// not a reset word or this person has not opened a checklist here.
    /// </summary>
    public async Task<IMessageActivity?> TypedResetAsync(ITurnContext turnContext, ConversationData data, string? text, UserLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var userId = turnContext.Activity.From?.Id;
        if (string.IsNullOrWhiteSpace(text) || userId is null || PersonOf(turnContext).Length == 0 || !IsResetWord(text)
            || !data.LastChecklistByUser.TryGetValue(userId, out var id) || content.Find(id) is not { } checklist)
        {
            return null;
        }

        await TurnClaims.ClaimAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var (ticked, notice, warning) = await ResetAsync(PersonOf(turnContext), checklist, language, cancellationToken).ConfigureAwait(false);
        var view = await ViewAsync(turnContext, notice, warning, cancellationToken).ConfigureAwait(false);
        return cards.Message(checklist, ticked, view, language);
    }

    /// <summary>
    /// In a group chat or channel, remembers it as a place the person who wrote to the bot (or added it) can share
    /// checklists to; at most weekly per person and conversation.
    /// </summary>
    public async Task RememberConversationAsync(ITurnContext turnContext, ConversationData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var activity = turnContext.Activity;
        var kind = activity.Conversation?.ConversationType switch
        {
            "groupChat" => ShareTarget.GroupChat,
            "channel" => ShareTarget.Channel,
            _ => null,
        };
        var userId = activity.From?.Id;
        var botId = activity.Recipient?.Id;
        var relevant = activity.Type == ActivityTypes.Message
            || (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersAdded?.Any(m => m.Id == botId) == true);
        if (kind is null || !relevant || string.IsNullOrEmpty(userId) || userId == botId || string.IsNullOrEmpty(activity.Conversation!.Id))
        {
            return;
        }

        var now = time.GetUtcNow();
        if (data.ShareTargetSavedAt.TryGetValue(userId, out var saved) && now - saved < s_targetRefresh)
        {
            return;
        }

        var language = data.LanguageFor(userId, activity.Locale);
        var reference = activity.GetConversationReference();
        string conversationId;
        string? name;
        if (kind == ShareTarget.Channel)
        {
            // A post goes to the channel itself, not into the thread the mention was in.
            var channelData = activity.GetChannelData<TeamsChannelData>();
            conversationId = channelData?.Channel?.Id ?? activity.Conversation.Id.Split(';')[0];
            var channel = string.IsNullOrWhiteSpace(channelData?.Channel?.Name) ? texts.Get(language, "checklist.general") : channelData.Channel.Name;
            name = string.IsNullOrWhiteSpace(channelData?.Team?.Name)
                ? channel
                : TextFormat.Format(texts.Get(language, "checklist.channelName"), ("team", channelData.Team.Name), ("channel", channel));
        }
        else
        {
            conversationId = activity.Conversation.Id;
            name = activity.Conversation.Name;
        }

        reference.Conversation = new ConversationAccount(isGroup: true, id: conversationId, name: name, conversationType: activity.Conversation.ConversationType, tenantId: activity.Conversation.TenantId);

        // Only what a post needs: no names of the person kept with the reference.
        reference.User = new ChannelAccount(id: userId);
        reference.ActivityId = null;
        await targets.SaveAsync(PersonOf(turnContext), new ShareTarget(ShareTarget.KeyFor(conversationId), kind, name, reference, now), cancellationToken).ConfigureAwait(false);
        data.ShareTargetSavedAt[userId] = now;
    }

    /// <summary>"återställ" or "reset" (either language's words, like the commands).</summary>
    public bool IsResetWord(string text) =>
        Enum.GetValues<UserLanguage>()
            .SelectMany(l => texts.Root(l)["checklist"]!["resetWords"]!.AsArray())
            .Any(w => CommandRecognizer.Normalize(w!.GetValue<string>()) == CommandRecognizer.Normalize(text));

    private async Task<JsonObject> ActAsync(ITurnContext turnContext, ConversationData data, ChecklistCommand command, UserLanguage language, CancellationToken cancellationToken)
    {
        var person = PersonOf(turnContext);
        if (person.Length == 0 || content.Find(command.ChecklistId) is not { } checklist
            || command.Verb is not (ChecklistCommand.Open or ChecklistCommand.Save or ChecklistCommand.Reset or ChecklistCommand.Share))
        {
            // A card from an older version of the bot, or a forged one: show what there is, store nothing.
            return cards.ListCard(await DoneAsync(person, cancellationToken).ConfigureAwait(false), language, texts.Get(language, "checklist.unknown"));
        }

        Remember(turnContext, data, checklist);
        IReadOnlySet<string> ticked;
        string? notice = null;
        var warning = false;
        switch (command.Verb)
        {
            case ChecklistCommand.Save:
                (ticked, notice, warning) = await SaveAsync(person, checklist, command, language, cancellationToken).ConfigureAwait(false);
                break;
            case ChecklistCommand.Reset:
                (ticked, notice, warning) = await ResetAsync(person, checklist, language, cancellationToken).ConfigureAwait(false);
                break;
            case ChecklistCommand.Share:
                (ticked, notice, warning) = await ShareAsync(turnContext, person, checklist, command, language, cancellationToken).ConfigureAwait(false);
                break;
            default:
                ticked = Ticked(await progress.GetAsync(person, checklist.Id, cancellationToken).ConfigureAwait(false), checklist);
                break;
        }

        var view = await ViewAsync(turnContext, notice, warning, cancellationToken).ConfigureAwait(false);
        return cards.Card(checklist, ticked, view, language);
    }

    private async Task<(IReadOnlySet<string> Ticked, string Notice, bool Warning)> SaveAsync(string person, Checklist checklist, ChecklistCommand command, UserLanguage language, CancellationToken cancellationToken)
    {
        var (on, off) = Changes(checklist, command);
        var current = new HashSet<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await progress.GetAsync(person, checklist.Id, cancellationToken).ConfigureAwait(false);
            current = Ticked(stored, checklist);
            var next = InOrder(checklist, current.Union(on).Except(off));
            var unchanged = next.Count == current.Count && next.All(current.Contains);
            if ((unchanged && (stored is not null || next.Count == 0))
                || await progress.SaveAsync(new ChecklistProgress(person, checklist.Id, next, time.GetUtcNow()) { ETag = stored?.ETag }, cancellationToken).ConfigureAwait(false))
            {
                return (next.ToHashSet(StringComparer.Ordinal), cards.Progress("checklist.saved", next.Count, checklist.Items.Count, language), false);
            }
        }

        return (current, texts.Get(language, "checklist.conflict"), true);
    }

    private async Task<(IReadOnlySet<string> Ticked, string Notice, bool Warning)> ResetAsync(string person, Checklist checklist, UserLanguage language, CancellationToken cancellationToken)
    {
        var current = new HashSet<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await progress.GetAsync(person, checklist.Id, cancellationToken).ConfigureAwait(false);
            current = Ticked(stored, checklist);
            if (stored is null || stored.Ticked.Count == 0
                || await progress.SaveAsync(new ChecklistProgress(person, checklist.Id, [], time.GetUtcNow()) { ETag = stored.ETag }, cancellationToken).ConfigureAwait(false))
            {
                return (new HashSet<string>(), texts.Get(language, "checklist.resetDone"), false);
            }
        }

        return (current, texts.Get(language, "checklist.conflict"), true);
    }

    /// <summary>Posts a clean copy (nobody's ticks) into a chat the person may share to; the card keeps what it showed.</summary>
    private async Task<(IReadOnlySet<string> Ticked, string Notice, bool Warning)> ShareAsync(ITurnContext turnContext, string person, Checklist checklist, ChecklistCommand command, UserLanguage language, CancellationToken cancellationToken)
    {
        var (on, off) = Changes(checklist, command);
        var shown = command.Shown.Where(id => checklist.Item(id) is not null);
        var displayed = InOrder(checklist, shown.Union(on).Except(off)).ToHashSet(StringComparer.Ordinal);
        var target = command.Target is null
            ? null
            : (await targets.ListAsync(person, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Key == command.Target);
        if (target is null)
        {
            return (displayed, texts.Get(language, "checklist.shareUnknown"), true);
        }

        var copy = cards.Message(checklist, new HashSet<string>(), new ChecklistView { SharedBy = turnContext.Activity.From?.Name }, language);
        var name = CardText.Escape(cards.TargetName(target, language));
        if (!await poster.PostAsync(target.Conversation, copy, cancellationToken).ConfigureAwait(false))
        {
            return (displayed, cards.Text("checklist.shareFailed", language, ("target", name)), true);
        }

        var stored = Ticked(await progress.GetAsync(person, checklist.Id, cancellationToken).ConfigureAwait(false), checklist);
        var notice = cards.Text("checklist.shared", language, ("target", name));
        if (!stored.SetEquals(displayed))
        {
            notice += " " + texts.Get(language, "checklist.notSavedHint");
        }

        return (displayed, notice, false);
    }

    /// <summary>What the person ticked and unticked on the card, against what that card showed (known items only).</summary>
    private static (IReadOnlyList<string> On, IReadOnlyList<string> Off) Changes(Checklist checklist, ChecklistCommand command)
    {
        var known = command.Toggles.Where(t => checklist.Item(t.Key) is not null).ToList();
        return (
            known.Where(t => t.Value && !command.Shown.Contains(t.Key)).Select(t => t.Key).ToList(),
            known.Where(t => !t.Value && command.Shown.Contains(t.Key)).Select(t => t.Key).ToList());
    }

    private static List<string> InOrder(Checklist checklist, IEnumerable<string> ids)
    {
        var set = ids.ToHashSet(StringComparer.Ordinal);
        return checklist.Items.Where(i => set.Contains(i.Id)).Select(i => i.Id).ToList();
    }

    /// <summary>The stored ticks that are still items of the checklist (content may have dropped one since).</summary>
    private static HashSet<string> Ticked(ChecklistProgress? stored, Checklist checklist) =>
        stored is null ? [] : stored.Ticked.Where(id => checklist.Item(id) is not null).ToHashSet(StringComparer.Ordinal);

    private async Task<Dictionary<string, int>> DoneAsync(string person, CancellationToken cancellationToken)
    {
        if (person.Length == 0)
        {
            return [];
        }

        var saved = await progress.ListAsync(person, cancellationToken).ConfigureAwait(false);
        return saved
            .Where(p => content.Find(p.ChecklistId) is not null)
            .ToDictionary(p => p.ChecklistId, p => Ticked(p, content.Find(p.ChecklistId)!).Count, StringComparer.Ordinal);
    }

    /// <summary>"Dela" is offered in personal chat, with the chats the person can post to.</summary>
    private async Task<ChecklistView> ViewAsync(ITurnContext turnContext, string? notice, bool warning, CancellationToken cancellationToken)
    {
        var isPersonal = turnContext.Activity.Conversation?.ConversationType is null or "personal";
        var shareTo = isPersonal && PersonOf(turnContext).Length > 0 ? await targets.ListAsync(PersonOf(turnContext), cancellationToken).ConfigureAwait(false) : [];
        return new ChecklistView { Notice = notice, IsWarning = warning, CanShare = isPersonal, Targets = shareTo };
    }

    private static void Remember(ITurnContext turnContext, ConversationData data, Checklist checklist)
    {
        if (turnContext.Activity.From?.Id is { } userId)
        {
            data.LastChecklistByUser[userId] = checklist.Id;
        }
    }

    private static string PersonOf(ITurnContext turnContext) => ReporterIds.Of(turnContext.Activity.From);
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Checklists;

/// <summary>How a checklist card is shown: a line above it, whether it can be shared from here and where to.</summary>
public sealed record ChecklistView
{
    public string? Notice { get; init; }

    /// <summary>A refusal or a problem (shown in the warning colour) rather than a confirmation.</summary>
    public bool IsWarning { get; init; }

    /// <summary>"Dela" is offered (in personal chat; a shared copy is not shared on from its chat).</summary>
    public bool CanShare { get; init; }

    public IReadOnlyList<ShareTarget> Targets { get; init; } = [];

    /// <summary>Who shared this copy into a group chat or channel; null for one's own card.</summary>
    public string? SharedBy { get; init; }
}

/// <summary>The checklist cards: the list with each checklist's progress, and one checklist with its ticks.</summary>
public sealed class ChecklistCards(TextCatalog texts, CardLibrary cards, ChecklistContent content)
{
    private const int MaxNameLength = 80;

    /// <summary>One button per checklist, with "x av y klara" where the person has ticked anything.</summary>
    public IMessageActivity List(IReadOnlyDictionary<string, int> doneByChecklist, UserLanguage language, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(doneByChecklist);
        var fallback = texts.Get(language, "emergency.line") + "\n" + texts.Get(language, "checklist.listTitle") + "\n"
            + string.Join("\n", content.Checklists.Select(c => ButtonTitle(c, doneByChecklist.GetValueOrDefault(c.Id), language)));
        return CardAttachments.ToMessage(ListCard(doneByChecklist, language, notice), fallback);
    }

    /// <summary>The list as a card (an Action.Execute answer is a card).</summary>
    public JsonObject ListCard(IReadOnlyDictionary<string, int> doneByChecklist, UserLanguage language, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(doneByChecklist);
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["notice"] = notice ?? string.Empty,
            ["title"] = texts.Get(language, "checklist.listTitle"),
            ["intro"] = texts.Get(language, "checklist.listIntro"),
            ["checklists"] = new JsonArray(content.Checklists.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["title"] = ButtonTitle(c, doneByChecklist.GetValueOrDefault(c.Id), language),
            }).ToArray()),
            ["footer"] = texts.Get(language, "checklist.listFooter"),
        };
        return cards.Render("checklists", data);
    }

    /// <summary>The list button's title: the checklist's name, and its progress once anything is ticked.</summary>
    public string ButtonTitle(Checklist checklist, int done, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        return done <= 0
            ? checklist.Title.For(language)
            : Format(texts.Get(language, "checklist.listButton"), ("title", checklist.Title.For(language)), ("done", Number(done)), ("total", Number(checklist.Items.Count)));
    }

    /// <summary>The checklist with <paramref name="ticked"/> ticked, as a card (an Action.Execute answer is a card).</summary>
    public JsonObject Card(Checklist checklist, IReadOnlySet<string> ticked, ChecklistView view, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(ticked);
        ArgumentNullException.ThrowIfNull(view);
        var sourcePrefix = texts.Get(language, "guidance.sourcePrefix");
        var shown = checklist.Items.Where(i => ticked.Contains(i.Id)).Select(i => i.Id).ToList();
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["notice"] = view.Notice ?? string.Empty,
            ["noticeColor"] = view.IsWarning ? "Warning" : "Good",
            ["title"] = checklist.Title.For(language),
            ["progressLine"] = Progress("checklist.progress", shown.Count, checklist.Items.Count, language),
            ["sharedBy"] = view.SharedBy is null ? string.Empty : Format(texts.Get(language, "checklist.sharedBy"), ("name", CardText.Escape(view.SharedBy, CardText.NameDisplayLength))),
            ["intro"] = texts.Get(language, "checklist.intro"),
            ["checklistId"] = checklist.Id,
            ["shown"] = string.Join(',', shown),
            // The first items show on arrival and the rest unfold with one button, so that the card's top and its
            // buttons are in view when it arrives in a chat pane (issue 17); folded items still tick and save.
            ["firstItems"] = Items(checklist.Items.Take(ItemsShown), ticked, sourcePrefix, language),
            ["moreItems"] = Items(checklist.Items.Skip(ItemsShown), ticked, sourcePrefix, language),
            ["hasMoreItems"] = checklist.Items.Count > ItemsShown,
            ["showAllTitle"] = Format(texts.Get(language, "checklist.showAll"), ("count", Math.Max(0, checklist.Items.Count - ItemsShown).ToString(CultureInfo.InvariantCulture))),
            ["saveTitle"] = texts.Get(language, "checklist.buttons.save"),
            ["resetTitle"] = texts.Get(language, "checklist.buttons.reset"),
            ["shareTitle"] = texts.Get(language, "checklist.buttons.share"),
            ["postTitle"] = texts.Get(language, "checklist.buttons.post"),
            ["canShare"] = view.CanShare,
            ["targets"] = new JsonArray(view.Targets.Select(t => (JsonNode)new JsonObject
            {
                ["key"] = t.Key,
                ["name"] = TargetName(t, language),
            }).ToArray()),
            ["firstTarget"] = view.Targets.Count > 0 ? view.Targets[0].Key : string.Empty,
            ["shareLabel"] = texts.Get(language, "checklist.shareLabel"),
            ["shareRequired"] = texts.Get(language, "checklist.shareRequired"),
            ["shareNone"] = texts.Get(language, "checklist.shareNone"),
            ["footer"] = texts.Get(language, "checklist.footer"),
            ["subscribeTitle"] = texts.Get(language, "subscriptions.button"),
            ["canSubscribe"] = view.CanShare, // personal chat only: a subscription is the person's own, not the room's
            ["reviewed"] = Content.ReviewedLine.For(texts, checklist.Items.Select(i => i.Stamp.Reviewed), language),
        };
        return cards.Render("checklist", data);
    }

    /// <summary>How many of a checklist's items show on arrival; the rest unfold under "Visa alla punkter".</summary>
    public const int ItemsShown = 3;

    private static JsonArray Items(IEnumerable<ChecklistItem> items, IReadOnlySet<string> ticked, string sourcePrefix, UserLanguage language) =>
        new(items.Select(i => (JsonNode)new JsonObject
        {
            ["inputId"] = ChecklistCommand.TickPrefix + i.Id,
            ["text"] = i.For(language),
            ["value"] = ticked.Contains(i.Id) ? "true" : "false",
            ["source"] = $"{sourcePrefix}: [{i.Source.Name}]({i.Source.Url})",
        }).ToArray());

    public IMessageActivity Message(Checklist checklist, IReadOnlySet<string> ticked, ChecklistView view, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(ticked);
        var fallback = texts.Get(language, "emergency.line") + "\n" + checklist.Title.For(language) + "\n"
            + string.Join("\n", checklist.Items.Select(i => (ticked.Contains(i.Id) ? "☑ " : "☐ ") + i.For(language)));
        return CardAttachments.ToMessage(Card(checklist, ticked, view, language), fallback);
    }

    /// <summary>"Sparat: 2 av 4" and the like.</summary>
    public string Progress(string textKey, int done, int total, UserLanguage language) =>
        Format(texts.Get(language, textKey), ("done", Number(done)), ("total", Number(total)));

    public string Text(string textKey, UserLanguage language, params (string Key, string Value)[] args) =>
        Format(texts.Get(language, textKey), args);

    /// <summary>
    /// How a chat is named: its own name, else what kind of chat it is. Plain text (a choice's title is not markdown);
    /// escape it with <see cref="CardText.Escape"/> before putting it in a TextBlock.
    /// </summary>
    public string TargetName(ShareTarget target, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(target);
        var name = new string((target.Name ?? string.Empty).Where(c => !char.IsControl(c)).Take(MaxNameLength).ToArray()).Trim();
        return name.Length > 0
            ? name
            : texts.Get(language, target.Kind == ShareTarget.Channel ? "checklist.teamChannel" : "checklist.groupChat");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

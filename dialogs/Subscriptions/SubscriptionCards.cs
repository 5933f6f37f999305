using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Subscriptions;

/// <summary>The subscription confirmations and the digest card: what changed, in the person's language, with buttons to open it.</summary>
public sealed class SubscriptionCards(TextCatalog texts, CardLibrary cards, ChecklistContent checklists)
{
    /// <summary>The card verb that opens one answer from the question file (value: its id).</summary>
    public const string OpenAnswerVerb = "subscriptions.answer";

    /// <summary>More lines than this read as a wall; the rest is counted.</summary>
    internal const int MaxListed = 8;

    /// <summary>Teams shows about five buttons side by side; the digest never needs more.</summary>
    internal const int MaxButtons = 5;

    private const int TitleLength = 240;

    public IMessageActivity Digest(IReadOnlyList<VersionedItem> changes, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var lines = changes.Take(MaxListed).Select(c => (JsonNode)new JsonObject
        {
            ["title"] = Shorten(texts.FillOrganisation(c.Title.For(language), language)),
            ["detail"] = Detail(c, language),
        }).ToList();
        if (changes.Count > MaxListed)
        {
            lines.Add(new JsonObject { ["title"] = $"+ {changes.Count - MaxListed}", ["detail"] = string.Empty });
        }

        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = texts.Get(language, "subscriptions.digestTitle"),
            ["intro"] = texts.Get(language, "subscriptions.digestIntro"),
            ["changes"] = new JsonArray([.. lines]),
            ["buttons"] = new JsonArray([.. Buttons(changes, language)]),
            ["footer"] = texts.Get(language, "subscriptions.digestFooter"),
        };
        var fallback = data["title"]!.GetValue<string>() + "\n" + string.Join("\n", changes.Take(MaxListed).Select(c => "• " + Shorten(c.Title.For(language))));
        return CardAttachments.ToMessage(cards.Render("digest", data), fallback);
    }

    /// <summary>"Nytt" or "version 2 · what changed".</summary>
    private string Detail(VersionedItem change, UserLanguage language)
    {
        var version = change.Version <= 1 ? texts.Get(language, "subscriptions.digestNew") : Format(texts.Get(language, "subscriptions.digestVersion"), ("version", change.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return change.ChangeNote is null ? version : $"{version} · {change.ChangeNote.For(language)}";
    }

    /// <summary>One button per changed checklist, then per changed answer, in the order they changed.</summary>
    private IEnumerable<JsonNode> Buttons(IReadOnlyList<VersionedItem> changes, UserLanguage language)
    {
        var checklistButtons = changes.Where(c => c.Kind == ContentKind.ChecklistItem && c.ChecklistId is not null)
            .Select(c => c.ChecklistId!).Distinct(StringComparer.Ordinal)
            .Select(checklists.Find).OfType<Checklist>()
            .Select(list => (JsonNode)new JsonObject
            {
                ["title"] = Format(texts.Get(language, "subscriptions.digestOpenChecklist"), ("title", list.Title.For(language))),
                ["verb"] = ChecklistCommand.Open,
                ["value"] = string.Empty,
                ["checklist"] = list.Id,
            });
        var answerButtons = changes.Where(c => c.Kind == ContentKind.Answer && c.AnswerId is not null)
            .Select(c => (JsonNode)new JsonObject
            {
                ["title"] = texts.Get(language, "subscriptions.digestOpenAnswer") + ": " + Shorten(c.Title.For(language), 40),
                ["verb"] = OpenAnswerVerb,
                ["value"] = c.AnswerId,
                ["checklist"] = string.Empty,
            });
        return checklistButtons.Concat(answerButtons).Take(MaxButtons);
    }

    public IMessageActivity Notice(string key, UserLanguage language, params (string Key, string Value)[] args) =>
        MessageFactory.Text(Format(texts.Get(language, key), args));

    private static string Shorten(string text, int length = TitleLength) =>
        text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";
}

using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Questions;

/// <summary>
/// Answers a question typed in plain words from the bot's own content: at most three sure matches, each with its source,
/// plus "Rapportera en händelse" and the checklist that fits the best one. Without a sure match it says so honestly and
/// offers the report and SKR's advisers. An emergency word anywhere in the question puts the 112 card first.
/// </summary>
public sealed class QuestionDesk(
    QuestionIndex index,
    QuestionContent questions,
    GuidanceContent guidance,
    ChecklistContent checklists,
    DialogVocabulary vocabulary,
    IDialogRenderer dialogCards,
    TextCatalog texts,
    CardLibrary cards,
    SupportContacts contacts)
{
    public const int MaxMatches = 3;

    /// <summary>The matches sure enough to show, best first.</summary>
    public static IReadOnlyList<QuestionMatch> Confident(IReadOnlyList<QuestionMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var sure = matches.Where(m => m.Coverage >= QuestionIndex.ConfidenceThreshold).ToList();
        if (sure.Count == 0)
        {
            return sure;
        }

        // Further matches only when nearly as close as the best one: a clear answer is not followed by loose ones.
        var floor = sure.Max(m => m.Coverage) * SecondaryShare;
        return sure.Where((m, i) => i == 0 || m.Coverage >= floor).Take(MaxMatches).ToList();
    }

    /// <summary>How close to the best match's coverage a further match must come to be shown too.</summary>
    private const double SecondaryShare = 0.75;

    /// <summary>
    /// What to send for <paramref name="text"/>: the 112 card first when it names an emergency, then the answer, or for a
    /// question without a sure answer the honest no-answer card. No answer when it is neither (the caller says it did not
    /// understand).
    /// </summary>
    public QuestionReply Answer(string? text, UserLanguage language)
    {
        var emergency = vocabulary.MentionsEmergency(text) ? dialogCards.Emergency(language, offerResume: false) : null;
        // A yes or no outside a dialog ("nej") answers nothing: it is not searched.
        var normalized = CommandRecognizer.Normalize(text ?? string.Empty);
        var matches = vocabulary.IsYes(normalized) || vocabulary.IsNo(normalized) || vocabulary.IsSkip(normalized)
            ? []
            : Confident(index.Search(text, MaxMatches * 2));
        var answer = matches.Count > 0 ? AnswerCard(matches, language) : IsQuestion(text) ? NoAnswer(language) : null;
        return new QuestionReply(emergency, answer);
    }

    /// <summary>
    /// Three to eighty words read as a question; shorter unknown input ("nej", "reset") and a pasted wall of text are
    /// simply not understood.
    /// </summary>
    public static bool IsQuestion(string? text) =>
        text is not null && text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length is >= 3 and <= 80;

    /// <summary>The help card saying no sure answer was found, with SKR's advisers and the main buttons (Rapportera first).</summary>
    public IMessageActivity NoAnswer(UserLanguage language)
    {
        var data = texts.For(language);
        data["notUnderstood"] = false;
        data["noAnswer"] = true;
        data["startActions"] = HelpCards.StartActions(data);
        AddContacts(data, language);
        return CardAttachments.ToMessage(cards.Render("help", data), texts.Get(language, "emergency.line") + "\n" + texts.Get(language, "qa.noAnswer"));
    }

    /// <summary>One answer of the question file by its id (a digest's button), or null for an unknown id (client input).</summary>
    public IMessageActivity? AnswerFor(string? answerId, UserLanguage language) =>
        questions.Entries.Any(e => e.Id == answerId)
            ? AnswerCard([new QuestionMatch(answerId!, QuestionMatchKind.Answer, answerId!, 1f, 1d)], language)
            : null;

    private IMessageActivity AnswerCard(IReadOnlyList<QuestionMatch> matches, UserLanguage language)
    {
        var shown = matches.Select(m => Describe(m, language)).ToList();
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = texts.Get(language, "qa.title"),
            ["intro"] = texts.Get(language, "qa.intro"),
            ["matches"] = new JsonArray(shown.Select(s => (JsonNode)new JsonObject
            {
                ["title"] = s.Title,
                ["text"] = s.Text,
                ["source"] = Format(texts.Get(language, "qa.source"), ("name", s.Source.Name), ("url", s.Source.Url)),
            }).ToArray()),
        };
        var buttons = new JsonArray(new JsonObject
        {
            ["title"] = texts.Get(language, "qa.reportButton"),
            ["verb"] = HelpCards.StartVerb,
            ["value"] = "report",
            ["checklist"] = string.Empty,
        });
        if (shown.Select(s => s.Checklist).FirstOrDefault(c => c is not null) is { } checklist)
        {
            buttons.Add(new JsonObject
            {
                ["title"] = Format(texts.Get(language, "qa.checklistButton"), ("title", checklist.Title.For(language))),
                ["verb"] = ChecklistCommand.Open,
                ["value"] = string.Empty,
                ["checklist"] = checklist.Id,
            });
        }

        data["buttons"] = buttons;
        data["reviewed"] = Content.ReviewedLine.For(texts, matches.Select(Reviewed), language);
        data["hasContacts"] = shown.Any(s => s.ShowContacts);
        AddContacts(data, language);
        var fallback = texts.Get(language, "emergency.line") + "\n" + string.Join("\n", shown.Select(s => $"{s.Text} ({s.Source.Name}: {s.Source.Url})"));
        return CardAttachments.ToMessage(cards.Render("answer", data), fallback);
    }

    private (string Title, string Text, GuidanceSource Source, Checklist? Checklist, bool ShowContacts) Describe(QuestionMatch match, UserLanguage language)
    {
        switch (match.Kind)
        {
            case QuestionMatchKind.Answer:
                var entry = questions.Entries.First(e => e.Id == match.Key);
                var phrasings = language == UserLanguage.English ? entry.QuestionsEn : entry.QuestionsSv;
                var title = phrasings.Count > 0 ? phrasings[0] : string.Empty;
                return (title, entry.Answer.For(language), entry.Source, checklists.Find(entry.Checklist), entry.ShowContacts);
            case QuestionMatchKind.Guidance:
                var action = guidance.Actions.First(a => a.Id == match.Key);
                return (texts.Get(language, "qa.guidanceTitle"), action.Text.For(language), action.Source, null, false);
            default:
                var list = checklists.Find(match.Key)!;
                var items = string.Join(" · ", list.Items.Take(3).Select(i => i.For(language)));
                return (Format(texts.Get(language, "qa.checklistTitle"), ("title", list.Title.For(language))), items, list.Items[0].Source, list, false);
        }
    }

    /// <summary>When what a match shows was last reviewed (a checklist: its latest item).</summary>
    private DateOnly Reviewed(QuestionMatch match) => match.Kind switch
    {
        QuestionMatchKind.Answer => questions.Entries.First(e => e.Id == match.Key).Stamp.Reviewed,
        QuestionMatchKind.Guidance => guidance.Actions.First(a => a.Id == match.Key).Stamp.Reviewed,
        _ => checklists.Find(match.Key)!.Items.Max(i => i.Stamp.Reviewed),
    };

    private void AddContacts(JsonObject data, UserLanguage language)
    {
        var hours = language == UserLanguage.English ? contacts.OfficeHours.En : contacts.OfficeHours.Sv;
        data["contactsTitle"] = Format(texts.Get(language, "qa.contactsTitle"), ("hours", hours));
        data["contacts"] = new JsonArray(contacts.Advisers.Select(a => (JsonNode)new JsonObject
        {
            ["name"] = a.Name,
            ["line"] = Format(texts.Get(language, "qa.contactLine"), ("title", language == UserLanguage.English ? a.TitleEn : a.TitleSv), ("phone", a.Phone), ("email", a.Email)),
        }).ToArray());
    }
}

/// <summary>The 112 card when the question named an emergency (sent first), and the answer card; either may be absent.</summary>
public sealed record QuestionReply(IMessageActivity? Emergency, IMessageActivity? Answer);

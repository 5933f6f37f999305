using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.FollowUps;

/// <summary>The follow-up card to the reporter, and the compact "Uppföljning" line on the adviser's case card.</summary>
public sealed class FollowUpCards(TextCatalog texts, CardLibrary cards, Escalation.OfficeCalendar calendar)
{
    /// <summary>The longest note about what happened (the card's Input.Text has the same maxLength; the desk checks it too).</summary>
    public const int MaxTextLength = 500;

    /// <summary>The checklist the card opens: "Om något händer / efteråt" (content/checklists.json), which holds the follow-up items.</summary>
    public const string ChecklistId = "if-something-happens";

    /// <summary>Card number <paramref name="round"/> about the case; shows the case's police report answer when it has one.</summary>
    public IMessageActivity FollowUp(CaseRecord record, int round, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(record);
        var reported = record.Answers.TryGetValue("reported", out var answer) && answer is "yes" or "no" or "unknown" ? answer : null;
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = Format(texts.Get(language, "followUp.title"), ("number", record.CaseNumber)),
            ["intro"] = texts.Get(language, "followUp.intro"),
            ["wellbeingLabel"] = texts.Get(language, "followUp.wellbeingLabel"),
            ["wellbeingChoices"] = Choices(language, "followUp.wellbeing", FollowUpChoices.Wellbeing),
            ["policeStatus"] = reported is null
                ? string.Empty
                : Format(texts.Get(language, "followUp.policeStatus"), ("status", texts.Get(language, "followUp.reported." + reported))),
            ["policeLabel"] = texts.Get(language, "followUp.policeLabel"),
            ["policeChoices"] = Choices(language, "followUp.police", FollowUpChoices.Police),
            ["newEventLabel"] = texts.Get(language, "followUp.newEventLabel"),
            ["newEventChoices"] = Choices(language, "followUp.newEvent", ["yes", "no"]),
            ["textLabel"] = texts.Get(language, "followUp.textLabel"),
            ["textPlaceholder"] = texts.Get(language, "followUp.textPlaceholder"),
            ["answerTitle"] = texts.Get(language, "followUp.answer"),
            ["checklistTitle"] = texts.Get(language, "followUp.checklist"),
            ["checklist"] = ChecklistId,
            ["stopTitle"] = texts.Get(language, "followUp.stop"),
            ["footer"] = texts.Get(language, "followUp.footer"),
            ["case"] = record.CaseNumber,
            ["round"] = round.ToString(CultureInfo.InvariantCulture),
        };
        var fallback = texts.Get(language, "emergency.line") + "\n" + data["title"]!.GetValue<string>();
        return CardAttachments.ToMessage(cards.Render("followup", data), fallback);
    }

    /// <summary>
    /// The latest answer as one line for the adviser ("Uppföljning 3 dec – mående: Sämre; polisen: Nej, inte än; nytt: Ja");
    /// empty when there is none. The reporter's note is not repeated here: it reached the adviser as added information.
    /// </summary>
    public string AdviserLine(FollowUpRecord? followUp, UserLanguage language)
    {
        if (followUp?.Latest is not { } latest)
        {
            return string.Empty;
        }

        var culture = CultureInfo.GetCultureInfo(language == UserLanguage.English ? "en-GB" : "sv-SE");
        return Format(
            texts.Get(language, "followUp.adviserLine"),
            ("date", TimeZoneInfo.ConvertTime(latest.AnsweredAt, calendar.TimeZone).ToString("d MMMM", culture)),
            ("wellbeing", Label(language, "followUp.wellbeing", latest.Wellbeing)),
            ("police", Label(language, "followUp.police", latest.Police)),
            ("newEvent", Label(language, "followUp.newEvent", latest.NewEvent ? "yes" : "no")));
    }

    public string Text(string key, UserLanguage language, params (string Key, string Value)[] args) => Format(texts.Get(language, key), args);

    private string Label(UserLanguage language, string group, string? id) =>
        id is null ? texts.Get(language, "followUp.adviserNone") : texts.Get(language, group + "." + id);

    private JsonArray Choices(UserLanguage language, string group, IEnumerable<string> ids) =>
        new([.. ids.Select(id => (JsonNode)new JsonObject { ["title"] = texts.Get(language, group + "." + id), ["value"] = id })]);
}

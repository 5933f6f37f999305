using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Triage;

/// <summary>The cards of the triage: guidance for a case, the reporter's cases and how to reach SKL's advisers (a case's checklists: Checklists/ChecklistCards).</summary>
public sealed class TriageCards(TextCatalog texts, CardLibrary cards, GuidanceContent guidance, SupportContacts contacts)
{
    public IMessageActivity Guidance(CaseRecord record, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(record);
        var answers = new TriageAnswers(record.Answers);
        var urgency = guidance.Urgencies[record.Urgency.Code()];
        var actions = guidance.ActionsFor(answers, record.Urgency);
        var sourcePrefix = texts.Get(language, "guidance.sourcePrefix");
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["caseNumber"] = record.CaseNumber,
            ["caseTitle"] = Format(texts.Get(language, "guidance.caseTitle"), ("number", record.CaseNumber)),
            ["organisation"] = CardText.Escape(record.OrganisationName, CardText.OrganisationDisplayLength),
            ["urgencyLabel"] = urgency.Label.For(language),
            ["urgencyColor"] = record.Urgency switch
            {
                Urgency.Akut or Urgency.Hog => "Attention",
                Urgency.Normal => "Warning",
                _ => "Good",
            },
            ["urgencySummary"] = urgency.Summary.For(language),
            ["showOfficialNote"] = answers.ReporterRole == "elected-official",
            ["officialNote"] = guidance.OfficialNote.For(language),
            ["actionsTitle"] = texts.Get(language, "guidance.actionsTitle"),
            ["actions"] = new JsonArray(actions.Select((a, i) => (JsonNode)new JsonObject
            {
                ["text"] = $"{i + 1}. {a.Text.For(language)}",
                ["source"] = $"{sourcePrefix}: [{a.Source.Name}]({a.Source.Url})",
            }).ToArray()),
            ["localSupport"] = guidance.LocalSupport.For(language),
            ["buttons"] = new JsonArray(
                Button(language, "escalate", "escalate"),
                Button(language, "checklist", "checklist"),
                Button(language, "myCases", "mycases")),
        };
        var fallback = texts.Get(language, "emergency.line") + "\n"
            + data["caseTitle"]!.GetValue<string>() + " · " + urgency.Label.For(language) + "\n"
            + string.Join("\n", actions.Select((a, i) => $"{i + 1}. {a.Text.For(language)}"));
        return CardAttachments.ToMessage(cards.Render("guidance", data), fallback);
    }

    public IMessageActivity CaseList(IReadOnlyList<CaseRecord> cases, UserLanguage language, FlowDefinition triage)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(triage);
        var what = triage.Step("what");
        var culture = CultureInfo.GetCultureInfo(language == UserLanguage.English ? "en-GB" : "sv-SE");
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = texts.Get(language, "cases.title"),
            ["emptyText"] = texts.Get(language, "cases.empty"),
            ["cases"] = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["number"] = c.CaseNumber,
                ["title"] = Format(
                    texts.Get(language, "cases.line"),
                    ("number", c.CaseNumber),
                    ("date", c.CreatedAt.ToString("d MMM yyyy", culture)),
                    ("what", what.Choices.FirstOrDefault(ch => c.Answers.TryGetValue("what", out var w) && ch.Id == w)?.Label.For(language) ?? "–"),
                    ("urgency", guidance.Urgencies[c.Urgency.Code()].Label.For(language))),
            }).ToArray()),
        };
        var fallback = texts.Get(language, "cases.title") + "\n" + string.Join("\n", cases.Select(c => c.CaseNumber));
        return CardAttachments.ToMessage(cards.Render("cases", data), fallback);
    }

    /// <summary>How to reach SKL's advisers by phone, with the case number; title and intro may be replaced.</summary>
    public IMessageActivity EscalationContacts(string? caseNumber, UserLanguage language, string? title = null, string? intro = null) => Info(
        title ?? texts.Get(language, "escalation.title"),
        intro ?? Format(texts.Get(language, "escalation.intro"), ("hours", OfficeHours(language))),
        PhoneSections(caseNumber, language),
        texts.Get(language, "escalation.footer"),
        language);

    /// <summary>What the reporter sees after "Eskalera till SKL": where it went and why, what happens next, and the phone numbers.</summary>
    public IMessageActivity EscalationSent(string caseNumber, string routingLine, bool newlySent, string status, bool outsideOfficeHours, UserLanguage language)
    {
        var title = newlySent
            ? Format(texts.Get(language, "escalation.sentTitle"), ("number", caseNumber))
            : Format(texts.Get(language, "escalation.alreadyTitle"), ("number", caseNumber), ("status", status));
        var sections = new JsonArray();
        if (outsideOfficeHours)
        {
            sections.Add(new JsonObject
            {
                ["heading"] = string.Empty,
                ["lines"] = new JsonArray(JsonValue.Create(Format(texts.Get(language, "escalation.outsideHours"), ("hours", OfficeHours(language))))),
            });
        }

        foreach (var section in PhoneSections(caseNumber, language))
        {
            sections.Add(section!.DeepClone());
        }

        return Info(title, routingLine + "\n\n" + texts.Get(language, "escalation.nextSteps"), sections, texts.Get(language, "escalation.footer"), language);
    }

    private JsonArray PhoneSections(string? caseNumber, UserLanguage language)
    {
        var sections = new JsonArray(contacts.Advisers.Select(a => (JsonNode)new JsonObject
        {
            ["heading"] = a.Name,
            ["lines"] = new JsonArray(JsonValue.Create(Format(
                texts.Get(language, "escalation.adviserLine"),
                ("title", language == UserLanguage.English && a.TitleEn.Length > 0 ? a.TitleEn : a.TitleSv),
                ("phone", a.Phone),
                ("email", a.Email)))),
        }).ToArray());
        sections.Add(new JsonObject
        {
            ["heading"] = Format(texts.Get(language, "escalation.switchboard"), ("phone", contacts.SwitchboardPhone)),
            ["lines"] = caseNumber is null ? new JsonArray() : new JsonArray(JsonValue.Create(Format(texts.Get(language, "escalation.caseHint"), ("number", caseNumber)))),
        });
        return sections;
    }

    private string OfficeHours(UserLanguage language) => language == UserLanguage.English ? contacts.OfficeHours.En : contacts.OfficeHours.Sv;

    public IMessageActivity Notice(string textKey, UserLanguage language) =>
        Info(texts.Get(language, textKey), string.Empty, [], string.Empty, language);

    /// <summary>A titled message with optional sections, on the same card as the contact lists.</summary>
    public IMessageActivity Message(string title, string intro, JsonArray sections, string footer, UserLanguage language) =>
        Info(title, intro, sections, footer, language);

    private IMessageActivity Info(string title, string intro, JsonArray sections, string footer, UserLanguage language)
    {
        var fallback = texts.Get(language, "emergency.line") + "\n" + title;
        return CardAttachments.ToMessage(InfoCard(title, intro, sections, footer, language), fallback);
    }

    /// <summary>The "info" card itself (for answers that must be a card, such as an Action.Execute response).</summary>
    public JsonObject InfoCard(string title, string intro, JsonArray sections, string footer, UserLanguage language)
    {
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = title,
            ["intro"] = intro,
            ["sections"] = sections,
            ["footer"] = footer,
        };
        return cards.Render("info", data);
    }

    private JsonObject Button(UserLanguage language, string textKey, string verb) =>
        new() { ["title"] = texts.Get(language, "guidance.buttons." + textKey), ["verb"] = verb };

}

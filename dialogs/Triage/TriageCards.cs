using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Triage;

/// <summary>The cards of the triage: guidance for a case, the reporter's cases and how to reach the support organisation's advisers (a case's checklists: Checklists/ChecklistCards).</summary>
public sealed class TriageCards(TextCatalog texts, CardLibrary cards, GuidanceContent guidance, SupportContacts contacts)
{
    /// <summary>
    /// The guidance for a case. Who may ask the support organisation's advisers depends on the case: not the exposed
    /// official themself (they get their security officers and a way to share the case), not central government (Säpo's
    /// remit), and never before 112 in an emergency. <paramref name="saved"/> is false for a case that was not stored.
    /// </summary>
    public IMessageActivity Guidance(CaseRecord record, UserLanguage language, bool saved = true)
    {
        ArgumentNullException.ThrowIfNull(record);
        var answers = new TriageAnswers(record.Answers);
        var urgency = guidance.Urgencies[record.Urgency.Code()];
        var actions = guidance.ActionsFor(answers, record.Urgency);
        var sourcePrefix = texts.Get(language, "guidance.sourcePrefix");
        var mayEscalate = saved && answers.MayAskAdvisers;
        var notes = new List<string>();
        if (answers.ReporterIsOfficial)
        {
            notes.Add(texts.FillOrganisation(guidance.OfficialNote.For(language), language));
        }

        if (answers.CentralGovernment)
        {
            notes.Add(texts.FillOrganisation(guidance.CentralNote.For(language), language));
        }

        // The advisers come last and only with what they are (a sounding board in office hours, no emergency service);
        // in an emergency after 112 and the security officer.
        var localSupport = texts.FillOrganisation(guidance.LocalSupport.For(language), language);
        if (mayEscalate)
        {
            localSupport += "\n\n" + (record.Urgency == Urgency.Akut ? texts.Get(language, "escalation.akutFirst") + " " : string.Empty)
                + Format(texts.Get(language, "escalation.intro"), ("hours", OfficeHours(language)));
        }

        var buttons = new JsonArray();
        if (saved)
        {
            if (answers.ReporterIsOfficial)
            {
                buttons.Add(Button(language, "share", "sharecase"));
            }

            buttons.Add(Button(language, "checklist", "checklist"));
            if (mayEscalate)
            {
                buttons.Add(Button(language, "escalate", "escalate"));
            }

            buttons.Add(Button(language, "myCases", "mycases"));
        }

        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["caseNumber"] = record.CaseNumber,
            ["caseTitle"] = saved ? Format(texts.Get(language, "guidance.caseTitle"), ("number", record.CaseNumber)) : texts.Get(language, "guidance.notSavedTitle"),
            ["organisation"] = CardText.Escape(record.OrganisationName, CardText.OrganisationDisplayLength),
            ["urgencyLabel"] = urgency.Label.For(language),
            ["urgencyColor"] = record.Urgency switch
            {
                Urgency.Akut or Urgency.Hog => "Attention",
                Urgency.Normal => "Warning",
                _ => "Good",
            },
            ["urgencySummary"] = urgency.Summary.For(language),
            ["showOfficialNote"] = notes.Count > 0,
            ["officialNote"] = string.Join("\n\n", notes),
            ["actionsTitle"] = texts.Get(language, "guidance.actionsTitle"),
            // The first actions show on arrival; the rest and who else can help unfold with one button, so that the
            // card's top (112, case, urgency) stays in view when it arrives in a chat pane (issue 17).
            ["firstActions"] = ActionItems(actions.Take(GuidanceActionsShown), 0, sourcePrefix, language),
            ["moreActions"] = ActionItems(actions.Skip(GuidanceActionsShown), GuidanceActionsShown, sourcePrefix, language),
            ["showAllTitle"] = actions.Count > GuidanceActionsShown
                ? Format(texts.Get(language, "guidance.showAll"), ("count", (actions.Count - GuidanceActionsShown).ToString(CultureInfo.InvariantCulture)))
                : texts.Get(language, "guidance.showMore"),
            ["localSupport"] = localSupport,
            ["buttons"] = buttons,
            ["reviewed"] = Content.ReviewedLine.For(texts, actions.Select(a => a.Stamp.Reviewed), language),
        };
        var fallback = texts.Get(language, "emergency.line") + "\n"
            + data["caseTitle"]!.GetValue<string>() + " · " + urgency.Label.For(language) + "\n"
            + string.Join("\n", actions.Select((a, i) => $"{i + 1}. {texts.FillOrganisation(a.Text.For(language), language)}"));
        return CardAttachments.ToMessage(cards.Render("guidance", data), fallback);
    }

    /// <summary>How many of the guidance's actions show on arrival; the rest unfold under "Visa alla åtgärder".</summary>
    public const int GuidanceActionsShown = 3;

    private JsonArray ActionItems(IEnumerable<GuidanceAction> actions, int offset, string sourcePrefix, UserLanguage language) =>
        new(actions.Select((a, i) => (JsonNode)new JsonObject
        {
            ["text"] = $"{offset + i + 1}. {texts.FillOrganisation(a.Text.For(language), language)}",
            ["source"] = $"{sourcePrefix}: [{a.Source.Name}]({a.Source.Url})",
        }).ToArray());

    /// <summary>
    /// A case the exposed official can forward to their organisation's and party's security officers: the answers as
    /// words, the urgency and the case number, never the free-text description.
    /// </summary>
    public IMessageActivity ShareCase(CaseRecord record, FlowDefinition triage, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(triage);
        var lines = new JsonArray();
        lines.Add(JsonValue.Create($"{texts.Get(language, "adviserCard.facts.urgency")}: {guidance.Urgencies[record.Urgency.Code()].Label.For(language)}"));
        foreach (var step in triage.Steps.Where(s => s.Choices.Count > 0 && record.Answers.ContainsKey(s.Id)))
        {
            var labels = record.Answers[step.Id].Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => step.Choices.FirstOrDefault(c => c.Id == v)?.Label.For(language) ?? v);
            lines.Add(JsonValue.Create($"{QuestionOnly(step.Prompt.For(language))} {string.Join("; ", labels)}"));
        }

        var sections = new JsonArray(new JsonObject { ["heading"] = string.Empty, ["lines"] = lines });
        return Info(
            Format(texts.Get(language, "guidance.shareTitle"), ("number", record.CaseNumber)),
            texts.Get(language, "guidance.shareIntro"),
            sections,
            texts.Get(language, "escalation.footer"),
            language);
    }

    /// <summary>"Vad har hänt? Välj alla som passar." → "Vad har hänt?": the question without how to answer it.</summary>
    private static string QuestionOnly(string prompt)
    {
        var end = prompt.IndexOf('?', StringComparison.Ordinal);
        return end < 0 ? prompt : prompt[..(end + 1)];
    }

    /// <summary>For an employee who is not an elected official: the honest out-of-scope answer (nothing is stored).</summary>
    public IMessageActivity OutOfScope(UserLanguage language)
    {
        var root = texts.For(language)["outOfScope"]!;
        var lines = new JsonArray(root["lines"]!.AsArray().Select(l => (JsonNode)JsonValue.Create(l!.GetValue<string>())).ToArray());
        var sections = new JsonArray(
            new JsonObject { ["heading"] = string.Empty, ["lines"] = lines },
            new JsonObject { ["heading"] = root["sourcesTitle"]!.GetValue<string>(), ["lines"] = new JsonArray(JsonValue.Create(root["sources"]!.GetValue<string>())) });
        return Info(root["title"]!.GetValue<string>(), root["intro"]!.GetValue<string>(), sections, texts.Get(language, "escalation.footer"), language);
    }

    /// <summary>Before a case goes to the advisers: what they will see, and the consent still missing; one button sends.</summary>
    public IMessageActivity EscalationConfirm(CaseRecord record, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(record);
        var answers = new TriageAnswers(record.Answers);
        var lines = new JsonArray();
        if (answers.ConsentMissing)
        {
            lines.Add(JsonValue.Create(texts.Get(language, "escalation.consentMissing")));
        }

        if (answers.Description is not null)
        {
            lines.Add(JsonValue.Create(texts.Get(language, "escalation.descriptionShown")));
        }

        var card = InfoCard(
            Format(texts.Get(language, "escalation.confirmTitle"), ("number", record.CaseNumber)),
            Format(texts.Get(language, "escalation.intro"), ("hours", OfficeHours(language))),
            new JsonArray(new JsonObject { ["heading"] = string.Empty, ["lines"] = lines }),
            texts.Get(language, "escalation.footer"),
            language);
        card["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = texts.Get(language, "escalation.confirmSend"),
            ["data"] = new JsonObject { ["verb"] = "escalateconfirmed", ["value"] = record.CaseNumber },
        });
        return CardAttachments.ToMessage(card, texts.Get(language, "emergency.line") + "\n" + Format(texts.Get(language, "escalation.confirmTitle"), ("number", record.CaseNumber)));
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
                    ("what", what.Choices.FirstOrDefault(ch => ch.Id == new TriageAnswers(c.Answers).What)?.Label.For(language) ?? "–"),
                    ("urgency", guidance.Urgencies[c.Urgency.Code()].Label.For(language))),
            }).ToArray()),
        };
        var fallback = texts.Get(language, "cases.title") + "\n" + string.Join("\n", cases.Select(c => c.CaseNumber));
        return CardAttachments.ToMessage(cards.Render("cases", data), fallback);
    }

    /// <summary>How to reach the advisers by phone, with the case number; title and intro may be replaced.</summary>
    public IMessageActivity EscalationContacts(string? caseNumber, UserLanguage language, string? title = null, string? intro = null) => Info(
        title ?? texts.Get(language, "escalation.title"),
        intro ?? Format(texts.Get(language, "escalation.intro"), ("hours", OfficeHours(language))),
        PhoneSections(caseNumber, language),
        texts.Get(language, "escalation.footer"),
        language);

    /// <summary>What the reporter sees after asking the advisers for advice: where it went and why, what happens next, and the phone numbers.</summary>
    public IMessageActivity EscalationSent(string caseNumber, string routingLine, bool newlySent, string status, bool outsideOfficeHours, UserLanguage language, bool emergency = false)
    {
        var title = newlySent
            ? Format(texts.Get(language, "escalation.sentTitle"), ("number", caseNumber))
            : Format(texts.Get(language, "escalation.alreadyTitle"), ("number", caseNumber), ("status", StatusText(status, language)));
        var sections = new JsonArray();
        if (emergency)
        {
            // An emergency case still goes to 112 and the security officer first: the advisers cannot act in one.
            sections.Add(new JsonObject { ["heading"] = string.Empty, ["lines"] = new JsonArray(JsonValue.Create(texts.Get(language, "escalation.akutFirst"))) });
        }

        // What the advisers are and their phone numbers unfold with one button: the case number, where it went and
        // what happens next stay in view when the card arrives (issue 17).
        var more = new JsonArray(new JsonObject { ["heading"] = string.Empty, ["lines"] = new JsonArray(JsonValue.Create(Format(texts.Get(language, "escalation.intro"), ("hours", OfficeHours(language))))) });
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
            more.Add(section!.DeepClone());
        }

        return Info(title, routingLine + "\n\n" + texts.Get(language, "escalation.nextSteps"), sections, texts.Get(language, "escalation.footer"), language, more, texts.Get(language, "escalation.showPhones"));
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

    /// <summary>A catalog text with its placeholders filled.</summary>
    public string FormatText(string key, UserLanguage language, params (string Key, string Value)[] args) => Format(texts.Get(language, key), args);

    /// <summary>A stored status ("Ny") as the reader's words ("Nytt" for an ärende, "New").</summary>
    public string StatusText(string status, UserLanguage language) =>
        texts.For(language)["caseStatus"]?[status]?.GetValue<string>() ?? status;

    private string OfficeHours(UserLanguage language) => language == UserLanguage.English ? contacts.OfficeHours.En : contacts.OfficeHours.Sv;

    public IMessageActivity Notice(string textKey, UserLanguage language) =>
        Info(texts.Get(language, textKey), string.Empty, [], string.Empty, language);

    /// <summary>A titled message with optional sections, on the same card as the contact lists.</summary>
    public IMessageActivity Message(string title, string intro, JsonArray sections, string footer, UserLanguage language) =>
        Info(title, intro, sections, footer, language);

    private IMessageActivity Info(string title, string intro, JsonArray sections, string footer, UserLanguage language, JsonArray? moreSections = null, string? moreTitle = null)
    {
        var fallback = texts.Get(language, "emergency.line") + "\n" + title;
        return CardAttachments.ToMessage(InfoCard(title, intro, sections, footer, language, moreSections, moreTitle), fallback);
    }

    /// <summary>
    /// The "info" card itself (for answers that must be a card, such as an Action.Execute response). With
    /// <paramref name="moreTitle"/>, <paramref name="moreSections"/> unfold under a button of that title.
    /// </summary>
    public JsonObject InfoCard(string title, string intro, JsonArray sections, string footer, UserLanguage language, JsonArray? moreSections = null, string? moreTitle = null)
    {
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = title,
            ["intro"] = intro,
            ["sections"] = sections,
            ["moreSections"] = moreSections ?? new JsonArray(),
            ["moreTitle"] = moreSections is { Count: > 0 } ? moreTitle ?? string.Empty : string.Empty,
            ["footer"] = footer,
        };
        return cards.Render("info", data);
    }

    private JsonObject Button(UserLanguage language, string textKey, string verb) =>
        new() { ["title"] = texts.Get(language, "guidance.buttons." + textKey), ["verb"] = verb };

}

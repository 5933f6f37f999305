using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using SupportBot.Cards;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

using static SupportBot.Dialogs.Localization.TextFormat;

namespace SupportBot.Dialogs.Escalation;

/// <summary>The adviser's notification card (with an @mention) and the reporter's "phone now" card.</summary>
public sealed class EscalationCards(TextCatalog texts, CardLibrary cards, GuidanceContent guidance, FlowCatalog flows, EscalationRouter router, SupportContacts contacts, TriageCards triageCards)
{
    /// <summary>The new-case card for one adviser. <paramref name="adviserTeamsId"/> is who the @mention names (AAD object id or Teams id).</summary>
    public IMessageActivity NewCase(CaseRecord record, EscalationRecord escalation, string adviserName, string adviserTeamsId, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(escalation);
        var mention = $"<at>{CardText.Escape(adviserName)}</at>";
        var culture = CultureInfo.GetCultureInfo(language == UserLanguage.English ? "en-GB" : "sv-SE");
        var decision = router.Route(new TriageAnswers(record.Answers), record.Urgency);
        var data = new JsonObject
        {
            ["emergencyLine"] = texts.Get(language, "emergency.line"),
            ["title"] = Format(texts.Get(language, "adviserCard.title"), ("mention", mention), ("number", record.CaseNumber), ("organisation", CardText.Escape(record.OrganisationName))),
            ["routingLine"] = router.CardLine(decision, contacts.AdviserName, language),
            ["facts"] = new JsonArray(
                Fact(texts.Get(language, "adviserCard.facts.case"), record.CaseNumber),
                Fact(texts.Get(language, "adviserCard.facts.organisation"), CardText.Escape(record.OrganisationName)),
                Fact(texts.Get(language, "adviserCard.facts.reporter"), Format(texts.Get(language, "adviserCard.reporterContact"), ("name", CardText.Escape(record.ReporterName)))),
                Fact(texts.Get(language, "adviserCard.facts.urgency"), guidance.Urgencies[record.Urgency.Code()].Label.For(language)),
                Fact(texts.Get(language, "adviserCard.facts.time"), escalation.EscalatedAt.ToString("g", culture) + " UTC")),
            ["answersTitle"] = texts.Get(language, "adviserCard.answersTitle"),
            ["answers"] = new JsonArray(Answers(record, language).ToArray()),
            ["footer"] = texts.Get(language, "adviserCard.footer"),
            ["mentions"] = new JsonArray(new JsonObject { ["text"] = mention, ["id"] = adviserTeamsId, ["name"] = adviserName }),
        };
        var message = CardAttachments.ToMessage(cards.Render("escalation", data), data["title"]!.GetValue<string>());
        return message;
    }

    /// <summary>To the reporter when no adviser could be reached in Teams: phone them now.</summary>
    public IMessageActivity PhoneNow(string caseNumber, UserLanguage language) =>
        triageCards.EscalationContacts(caseNumber, language, Format(texts.Get(language, "adviserCard.phoneNowTitle"), ("number", caseNumber)), texts.Get(language, "adviserCard.phoneNow"));

    /// <summary>Each answered question with its answer as the reporter saw it; free text made inert.</summary>
    private IEnumerable<JsonNode> Answers(CaseRecord record, UserLanguage language)
    {
        var flow = flows[TriageCompletion.TriageFlowId];
        foreach (var step in flow.Steps)
        {
            if (!record.Answers.TryGetValue(step.Id, out var answer) || answer.Length == 0)
            {
                continue;
            }

            var shown = step.Kind switch
            {
                StepKind.Text or StepKind.Organisation => CardText.Escape(answer),
                StepKind.YesNo => texts.Get(language, answer == "yes" ? "dialog.buttons.yes" : "dialog.buttons.no"),
                _ when answer.StartsWith(AnswerParser.DatePrefix, StringComparison.Ordinal) => answer[AnswerParser.DatePrefix.Length..],
                _ => string.Join(", ", answer.Split(',').Select(id => step.Choices.FirstOrDefault(c => c.Id == id)?.Label.For(language) ?? id)),
            };
            yield return Fact(step.Prompt.For(language), shown);
        }
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

}

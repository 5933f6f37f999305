using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Cards;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Tests.Cards;

/// <summary>
/// Cards readable on arrival (issue 17): the long parts of a card (the guidance's later actions, the adviser's copy of
/// the answers, a checklist's later items) are folded under an Action.ToggleVisibility, so the card's top and its
/// buttons fit in a chat pane. The end-to-end tests measure the result in the browser.
/// </summary>
public sealed class CardsOnArrivalTests
{
    private static readonly TriageCards Triage = new(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, CardSamples.Contacts);

    public static TheoryData<UserLanguage, string> ShowAllTitles => new()
    {
        { UserLanguage.Swedish, "Visa alla åtgärder" },
        { UserLanguage.English, "Show all actions" },
    };

    [Theory]
    [MemberData(nameof(ShowAllTitles))]
    public void Guidance_WithMoreThanThreeActions_ShowsThreeAndTogglesTheRest(UserLanguage language, string showAll)
    {
        var record = CardSamples.SampleCases(language.Code())[1];
        var total = GuidanceContent.Default.ActionsFor(new TriageAnswers(record.Answers), record.Urgency).Count;
        Assert.True(total > TriageCards.GuidanceActionsShown, $"The sample case has {total} actions");

        var card = Card(Triage.Guidance(record, language));

        var hidden = Element(card, "moreActions");
        Assert.False(hidden.Value<bool>("isVisible"));
        var shown = ActionTexts(card).Except(ActionTexts(hidden)).ToList();
        Assert.Equal(["1.", "2.", "3."], shown.Select(t => t.Split(' ')[0]));
        Assert.Equal(total - TriageCards.GuidanceActionsShown, ActionTexts(hidden).Count(t => char.IsDigit(t[0])));
        var toggle = (JObject)card["actions"]![0]!;
        Assert.Equal("Action.ToggleVisibility", toggle.Value<string>("type"));
        Assert.Equal(["moreActions"], toggle["targetElements"]!.Values<string>());
        Assert.Equal($"{showAll} ({total - TriageCards.GuidanceActionsShown} {(language == UserLanguage.English ? "more" : "till")})", toggle.Value<string>("title"));
        // 112 first, then the case and its urgency, before any action.
        Assert.Equal(TextCatalog.Default.Get(language, "emergency.line"), card.Descendants().OfType<JProperty>().First(p => p.Name == "text").Value.ToString());
    }

    [Fact]
    public void Guidance_WithThreeActionsOrFewer_FoldsOnlyWhoElseCanHelp()
    {
        var record = CardSamples.SampleCases("sv")[3];
        var total = GuidanceContent.Default.ActionsFor(new TriageAnswers(record.Answers), record.Urgency).Count;
        Assert.InRange(total, 1, TriageCards.GuidanceActionsShown);

        var card = Card(Triage.Guidance(record, UserLanguage.Swedish));

        Assert.DoesNotContain(ActionTexts(Element(card, "moreActions")), t => char.IsDigit(t[0]));
        Assert.Equal(TextCatalog.Default.Get(UserLanguage.Swedish, "guidance.showMore"), card["actions"]![0]!.Value<string>("title"));
    }

    [Theory]
    [InlineData(UserLanguage.Swedish, "Visa svaren", "Jag tar detta")]
    [InlineData(UserLanguage.English, "Show the answers", "I'll take this")]
    public void AdviserNewCase_LeadsWithUrgencyWhatAndReporterThenButtons_AnswersFoldedWithShortLabels(UserLanguage language, string showAnswers, string take)
    {
        var record = CardSamples.SampleCases(language.Code())[1];
        var escalation = EscalationRecord.From(record, EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency), record.CreatedAt, record.CreatedAt.AddMinutes(30));
        var cards = new EscalationCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, CardSamples.Contacts, Triage, CardSamples.Calendar);

        var card = Card(cards.NewCase(record, escalation, "Greta Berg", CardSamples.GretaAad, language));

        var body = ((JArray)card["body"]!).Cast<JObject>().ToList();
        var lead = body.FindIndex(e => e.Value<string>("type") == "FactSet");
        var buttons = body.FindIndex(e => e.Value<string>("type") == "ActionSet" && e["actions"]!.Any(a => a.Value<string>("title") == take));
        var toggle = body.FindIndex(e => e.Value<string>("type") == "ActionSet" && e["actions"]![0]!.Value<string>("type") == "Action.ToggleVisibility");
        var answers = body.FindIndex(e => e.Value<string>("id") == "answers");
        Assert.True(lead >= 0 && lead < buttons && buttons < toggle && toggle < answers, string.Join(", ", body.Select(e => e.Value<string>("type"))));
        Assert.Equal(
            [TextCatalog.Default.Get(language, "adviserCard.facts.urgency"), TextCatalog.Default.Get(language, "adviserCard.facts.what"), TextCatalog.Default.Get(language, "adviserCard.facts.reporter")],
            body[lead]["facts"]!.Select(f => f.Value<string>("title")));
        Assert.Equal(showAnswers, body[toggle]["actions"]![0]!.Value<string>("title"));
        Assert.False(body[answers].Value<bool>("isVisible"));
        var labels = body[answers].Descendants().OfType<JObject>().Where(o => o["title"] is not null && o["value"] is not null).Select(o => o.Value<string>("title")!).ToList();
        Assert.Contains(TextCatalog.Default.Get(language, "adviserCard.answerLabels.description"), labels);
        Assert.All(labels, l => Assert.DoesNotContain("?", l, StringComparison.Ordinal));
        Assert.All(labels, l => Assert.DoesNotContain("500", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(UserLanguage.Swedish)]
    [InlineData(UserLanguage.English)]
    public void EveryTriageStep_HasAShortAnswerLabel(UserLanguage language)
    {
        // The organisation is shown as a fact of its own (the directory's name), never among the answers.
        foreach (var step in FlowCatalog.Default["triage"].Steps.Where(s => s.Kind != StepKind.Organisation))
        {
            var label = TextCatalog.Default.Get(language, "adviserCard.answerLabels." + step.Id);
            Assert.InRange(label.Length, 2, 25);
            Assert.DoesNotContain("?", label, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Checklist_WithTenItems_ShowsThreeAndTogglesTheSevenOthers_AllStillInputs()
    {
        var checklist = ChecklistContent.Default.Checklists.Single(c => c.Items.Count == 10);
        var cards = new ChecklistCards(TextCatalog.Default, CardLibrary.Default, ChecklistContent.Default);

        var card = Card(cards.Message(checklist, new HashSet<string>(), new ChecklistView { CanShare = true }, UserLanguage.Swedish));

        var toggles = card.Descendants().OfType<JObject>().Where(o => o.Value<string>("type") == "Input.Toggle").ToList();
        Assert.Equal(10, toggles.Count);
        var hidden = Element(card, "moreItems");
        Assert.False(hidden.Value<bool>("isVisible"));
        Assert.Equal(7, hidden.Descendants().OfType<JObject>().Count(o => o.Value<string>("type") == "Input.Toggle"));
        var toggle = card.Descendants().OfType<JObject>().Single(o => o.Value<string>("type") == "Action.ToggleVisibility");
        Assert.Equal("Visa alla punkter (7 till)", toggle.Value<string>("title"));
    }

    [Fact]
    public void Checklist_WithThreeItemsOrFewer_HasNoToggle()
    {
        var checklist = ChecklistContent.Default.Checklists.First(c => c.Items.Count <= ChecklistCards.ItemsShown);
        var cards = new ChecklistCards(TextCatalog.Default, CardLibrary.Default, ChecklistContent.Default);

        var card = Card(cards.Message(checklist, new HashSet<string>(), new ChecklistView(), UserLanguage.English));

        Assert.DoesNotContain(card.Descendants().OfType<JObject>(), o => o.Value<string>("type") == "Action.ToggleVisibility");
    }

    private static JObject Card(IMessageActivity activity) => JObject.FromObject(activity.Attachments[0].Content);

    private static JObject Element(JObject card, string id) =>
        card.Descendants().OfType<JObject>().Single(o => o.Value<string>("id") == id);

    /// <summary>The texts of the numbered action lines and the other plain lines under <paramref name="node"/>.</summary>
    private static List<string> ActionTexts(JContainer node) =>
        node.Descendants().OfType<JObject>()
            .Where(o => o.Value<string>("type") == "TextBlock" && o.Value<string>("text") is { Length: > 0 } t && char.IsDigit(t[0]) && t.Contains(". ", StringComparison.Ordinal))
            .Select(o => o.Value<string>("text")!)
            .ToList();
}

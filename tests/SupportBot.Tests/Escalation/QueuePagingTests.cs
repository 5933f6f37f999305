using Newtonsoft.Json.Linq;
using SupportBot.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.Escalation;

/// <summary>The adviser's queue, 25 cases a page: which cases, "N till", and which paging buttons.</summary>
public sealed class QueuePagingTests
{
    private static readonly EscalationCards s_cards = new(
        TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default, EscalationRouter.Default, CardSamples.Contacts,
        new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, CardSamples.Contacts), CardSamples.Calendar);

    private static readonly DateTimeOffset s_noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static List<EscalationRecord> Open(int count) => Enumerable.Range(1, count).Select(i =>
        new EscalationRecord($"HH-2026-{i:0000}", "exempelby-kommun", "safety", null, "rule", "skäl", "reason", "r", s_noon.AddMinutes(i), EscalationStatus.New)
        {
            OrganisationName = "Exempelby kommun",
            Urgency = i % 10 == 0 ? Urgency.Akut : Urgency.Normal,
        }).ToList();

    private static JObject Card(int count, int page) => JObject.FromObject(s_cards.Queue(Open(count), "safety", UserLanguage.Swedish, page).Attachments[0].Content);

    private static List<string> Cases(JObject card) =>
        card.Descendants().OfType<JObject>().Where(o => (string?)o["data"]?["verb"] == "case.open").Select(o => (string)o["data"]!["case"]!).ToList();

    private static List<(string Title, string Value)> Paging(JObject card) =>
        card.Descendants().OfType<JObject>().Where(o => (string?)o["data"]?["verb"] == "mycases").Select(o => ((string)o["title"]!, (string)o["data"]!["value"]!)).ToList();

    private static string Texts(JObject card) => string.Join("\n", card.Descendants().OfType<JProperty>().Where(p => p.Name == "text").Select(p => p.Value.ToString()));

    [Theory]
    [InlineData(0, 0, 0, "", "")]
    [InlineData(25, 0, 25, "", "")]
    [InlineData(26, 0, 25, "1 till", "next:1")]
    [InlineData(60, 0, 25, "35 till", "next:1")]
    [InlineData(60, 1, 25, "10 till", "previous:0 next:2")]
    [InlineData(60, 2, 10, "", "previous:1")]
    [InlineData(60, 99, 10, "", "previous:1")]
    [InlineData(60, -5, 25, "35 till", "next:1")]
    public void Queue_Page_ShowsItsCasesTheRestAsACountAndTheButtonsThatLeadSomewhere(int open, int page, int shown, string more, string buttons)
    {
        var card = Card(open, page);

        Assert.Equal(shown, Cases(card).Count);
        if (more.Length > 0)
        {
            Assert.Contains(more, Texts(card), StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(" till", Texts(card), StringComparison.Ordinal);
        }

        var next = TextCatalog.Default.Get(UserLanguage.Swedish, "limits.queueNext");
        Assert.Equal(buttons, string.Join(' ', Paging(card).Select(b => (b.Title == next ? "next:" : "previous:") + b.Value)));
    }

    [Fact]
    public void Queue_FirstPage_MostUrgentThenOldest()
    {
        var cases = Cases(Card(60, 0));

        // The six AKUT cases (10, 20, …, 60) first, oldest first; then the normal ones from the oldest.
        Assert.Equal(["HH-2026-0010", "HH-2026-0020", "HH-2026-0030", "HH-2026-0040", "HH-2026-0050", "HH-2026-0060", "HH-2026-0001", "HH-2026-0002"], cases.Take(8));
    }
}

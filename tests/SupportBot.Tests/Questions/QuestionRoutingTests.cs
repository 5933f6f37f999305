using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Commands;

namespace SupportBot.Tests.Questions;

/// <summary>Questions in plain words through the real activity handler and router (SDK TestAdapter): what production sends.</summary>
public sealed class QuestionRoutingTests
{
    private readonly TestBot _bot = new();

    private static TestAdapter Adapter(string locale = "sv-SE", string conversationType = "personal")
    {
        var reference = TestAdapter.CreateConversation("question-test");
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = conversationType;
        return new TestAdapter(reference) { Locale = locale };
    }

    private static JObject Card(IActivity activity) =>
        JObject.FromObject(Assert.Single(((IMessageActivity)activity).Attachments).Content);

    private static string Text(JObject card) => string.Join("\n", card.Descendants().OfType<JProperty>()
        .Where(p => p.Name is "text" or "title" or "value").Select(p => p.Value.ToString()));

    private static string FirstLine(JObject card) =>
        card.Descendants().OfType<JObject>().First(o => (string?)o["type"] == "TextBlock")["text"]!.ToString();

    [Theory]
    [InlineData("Vad ska jag göra om en politiker hotas på Facebook?", "sv-SE", "Det här hittade jag", "skärmdump", "Checklista: Sociala medier och näthat")]
    [InlineData("Hur anmäler jag hot mot en förtroendevald?", "sv-SE", "Det här hittade jag", "114 14", "Checklista: Om något händer / efteråt")]
    [InlineData("How do I report a threat to the police?", "en-US", "This is what I found", "114 14", "Checklist:")]
    public async Task OnMessage_QuestionInPlainWords_AnswersFromTheContentWithSourceReportAndChecklist(string question, string locale, string title, string expected, string checklistButton)
    {
        await new TestFlow(Adapter(locale), _bot.Handler)
            .Send(question)
            .AssertReply(reply =>
            {
                var card = Card(reply);
                var text = Text(card);
                Assert.Contains("112", FirstLine(card), StringComparison.Ordinal);
                Assert.Contains(title, text, StringComparison.Ordinal);
                Assert.Contains(expected, text, StringComparison.Ordinal);
                Assert.Contains("](https://", text, StringComparison.Ordinal);
                var matches = card["body"]!.Children<JObject>().Count(b => (string?)b["type"] == "Container" && (string?)b["style"] != "attention");
                Assert.InRange(matches, 1, 3);
                var actions = card["actions"]!.Children<JObject>().ToList();
                Assert.Equal(HelpCards.StartVerb, (string?)actions[0]["data"]!["verb"]);
                Assert.Equal("report", (string?)actions[0]["data"]!["value"]);
                Assert.Contains(actions, a => (string?)a["data"]!["verb"] == ChecklistCommand.Open && ((string)a["title"]!).StartsWith(checklistButton, StringComparison.Ordinal));
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMessage_QuestionWithAnEmergencyWord_Sends112First()
    {
        await new TestFlow(Adapter(), _bot.Handler)
            .Send("Någon är i fara på mötet, hur polisanmäler vi?")
            .AssertReply(reply => Assert.Contains("Ring 112 nu om någon är i fara", Text(Card(reply)), StringComparison.Ordinal))
            .AssertReply(reply => Assert.Contains("Det här hittade jag", Text(Card(reply)), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("Vad blir det för väder i morgon?", "sv-SE", "Jag hittade inget säkert svar", "Rapportera")]
    [InlineData("What is the weather like tomorrow?", "en-US", "I found no sure answer", "Report")]
    public async Task OnMessage_OffTopicQuestion_SaysHonestlyThereIsNoSureAnswerAndOffersReportAndSkr(string question, string locale, string expected, string reportButton)
    {
        await new TestFlow(Adapter(locale), _bot.Handler)
            .Send(question)
            .AssertReply(reply =>
            {
                var card = Card(reply);
                var text = Text(card);
                Assert.Contains("112", FirstLine(card), StringComparison.Ordinal);
                Assert.Contains(expected, text, StringComparison.Ordinal);
                Assert.Contains("08-452 79 58", text, StringComparison.Ordinal);
                Assert.Equal(reportButton, (string?)card["actions"]![0]!["title"]);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMessage_AVeryLongPastedText_GetsAKindAnswerNotAnError()
    {
        var words = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "ord" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + " polisanmälan"));
        await new TestFlow(Adapter(), _bot.Handler)
            .Send(words)
            .AssertReply(reply => Assert.Contains("112", FirstLine(Card(reply)), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMessage_QuestionInAChannel_IsAnsweredThereToo()
    {
        await new TestFlow(Adapter(conversationType: "channel"), _bot.Handler)
            .Send("Hur sparar jag bevis från sociala medier?")
            .AssertReply(reply => Assert.Contains("Det här hittade jag", Text(Card(reply)), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMessage_ContactsQuestion_ListsSkrsAdvisersFromConfiguration()
    {
        await new TestFlow(Adapter(), _bot.Handler)
            .Send("Hur når jag SKR:s rådgivare?")
            .AssertReply(reply =>
            {
                var text = Text(Card(reply));
                Assert.Contains("Greta Berg", text, StringComparison.Ordinal);
                Assert.Contains("kontorstid", text, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }
}

using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Moq;
using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Privacy;

namespace SupportBot.Tests.Privacy;

/// <summary>
/// "radera mina uppgifter" through the real activity handler and router (SDK TestAdapter, state in memory): the
/// recognizer, the confirmation card, confirm (state, user state and the stores' data erased; nothing written back),
/// cancel and a click by someone the card was not shown to (nothing changes).
/// </summary>
public sealed class ErasureDeskTests
{
    private const string Aad = "aad-reporter-1";
    private const string ConversationId = "erasure-test";

    private static TestAdapter Adapter(string locale = "sv-SE", string conversationType = "personal")
    {
        var reference = TestAdapter.CreateConversation(ConversationId).InTenant(TestTenants.A);
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = conversationType;
        reference.User.AadObjectId = Aad;
        reference.User.Name = "Kim Testsson";
        return new TestAdapter(reference) { Locale = locale };
    }

    private static Activity Message(TestAdapter adapter, string text)
    {
        var activity = adapter.MakeActivity(text);
        activity.From.AadObjectId = Aad;
        return activity;
    }

    private static Activity Submit(TestAdapter adapter, string verb, string? token, string? aad = Aad)
    {
        var activity = adapter.MakeActivity();
        activity.Text = null;
        activity.From.AadObjectId = aad;
        activity.Value = new JObject { ["verb"] = verb, ["value"] = token };
        return activity;
    }

    private static async Task<IMessageActivity> TurnAsync(TestBot bot, TestAdapter adapter, Activity activity)
    {
        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);
        IMessageActivity? last = null;
        while (adapter.GetNextReply() is { } reply)
        {
            last = (IMessageActivity)reply;
        }

        return last ?? throw new InvalidOperationException("The bot did not answer.");
    }

    private static JObject Card(IMessageActivity activity) => JObject.FromObject(activity.Attachments[0].Content);

    private static string Text(JObject card) => string.Join("\n", card.Descendants().OfType<JProperty>()
        .Where(p => p.Name is "text" or "title").Select(p => p.Value.ToString()));

    private static string FirstText(JObject card) => (string)card["body"]![0]!["text"]!;

    private static JObject Action(JObject card, string verb) =>
        card["actions"]!.Children<JObject>().Single(a => (string?)a["data"]?["verb"] == verb);

    private static async Task<bool> StateExistsAsync(TestBot bot) =>
        (await bot.Storage.ReadAsync([$"msteams/conversations/{ConversationId}"], CancellationToken.None)).Count > 0;

    [Theory]
    [InlineData("radera mina uppgifter")]
    [InlineData("  Radera mina uppgifter! ")]
    [InlineData("delete my data")]
    [InlineData("Delete my data.")]
    [InlineData("glöm mig")]
    [InlineData("forget me")]
    public void Recognize_ErasureWordsInEitherLanguage_AreTheEraseCommand(string text)
    {
        Assert.Equal("erase", new CommandRecognizer(TextCatalog.Default).Recognize(text));
    }

    [Theory]
    [InlineData("radera")]
    [InlineData("mina uppgifter")]
    [InlineData("delete")]
    [InlineData("radera mina uppgifter nu tack")]
    public void Recognize_PartsOfTheErasureWords_AreNotTheEraseCommand(string text)
    {
        Assert.NotEqual("erase", new CommandRecognizer(TextCatalog.Default).Recognize(text));
    }

    [Fact]
    public async Task TypedEraseCommand_ShowsConfirmationWith112FirstAndErasesNothing()
    {
        var bot = new TestBot();
        var adapter = Adapter();

        var card = Card(await TurnAsync(bot, adapter, Message(adapter, "radera mina uppgifter")));

        Assert.Contains("112", FirstText(card), StringComparison.Ordinal);
        Assert.Equal("Ja, radera mina uppgifter", (string)Action(card, ErasureDesk.Confirm)["title"]!);
        Assert.Equal("Avbryt", (string)Action(card, ErasureDesk.Cancel)["title"]!);
        Assert.Contains("Kvar blir organisationens ärenden utan ditt namn", Text(card), StringComparison.Ordinal);
        Assert.Empty(bot.Eraser.Calls);
    }

    [Theory]
    [InlineData("replayed", 0)]
    [InlineData("expired", 25)]
    public async Task Confirm_ReplayedOrExpiredCard_ErasesNothingAndSaysSo(string scenario, int hoursLater)
    {
        var bot = new TestBot();
        var adapter = Adapter();
        var confirmation = Card(await TurnAsync(bot, adapter, Message(adapter, "radera mina uppgifter")));
        var token = (string)Action(confirmation, ErasureDesk.Confirm)["data"]!["value"]!;
        if (scenario == "replayed")
        {
            await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, token));
        }

        bot.Time.Advance(TimeSpan.FromHours(hoursLater));
        var calls = bot.Eraser.Calls.Count;
        var answer = Card(await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, token)));

        Assert.Contains(TextCatalog.Default.Get(UserLanguage.Swedish, "limits.erasureUsed"), Text(answer), StringComparison.Ordinal);
        Assert.Equal(calls, bot.Eraser.Calls.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef")]
    [InlineData("0123456789abcdef.1764547200.0000000000000000")]
    [InlineData("0123456789abcdef.99999999999999999999.0000000000000000")]
    [InlineData("zz.1.zz")]
    public async Task Confirm_ForgedToken_ErasesNothing(string token)
    {
        var bot = new TestBot();
        var adapter = Adapter();
        await TurnAsync(bot, adapter, Message(adapter, "radera mina uppgifter"));

        var answer = Card(await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, token)));

        Assert.Contains("någon annans uppgifter", Text(answer), StringComparison.Ordinal);
        Assert.Empty(bot.Eraser.Calls);
    }

    [Fact]
    public async Task Confirm_ErasesStoresStateAndUserStateAndAnswersWhatWasRemovedAndWhatRemains()
    {
        var bot = new TestBot();
        var adapter = Adapter();
        var confirmation = Card(await TurnAsync(bot, adapter, Message(adapter, "radera mina uppgifter")));
        var token = (string)Action(confirmation, ErasureDesk.Confirm)["data"]!["value"]!;
        await bot.Storage.WriteAsync(new Dictionary<string, object> { [$"msteams/users/{adapter.Conversation.User.Id}"] = new { Language = "sv" } }, CancellationToken.None);
        Assert.True(await StateExistsAsync(bot));

        var done = Card(await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, token)));

        Assert.Contains("112", FirstText(done), StringComparison.Ordinal);
        Assert.Contains("Dina uppgifter är raderade", Text(done), StringComparison.Ordinal);
        Assert.Contains("Ärenden där ditt namn, ditt id och din beskrivning togs bort: 2", Text(done), StringComparison.Ordinal);
        Assert.Contains("Organisationens ärenden utan ditt namn", Text(done), StringComparison.Ordinal);
        var erased = Assert.Single(bot.Eraser.Calls);
        Assert.Equal([Aad, adapter.Conversation.User.Id], erased);
        Assert.Empty(await bot.Storage.ReadAsync([$"msteams/users/{adapter.Conversation.User.Id}"], CancellationToken.None));
        // Only the chat's language stays: no id, no name, nothing the person said.
        var state = Newtonsoft.Json.JsonConvert.SerializeObject(await bot.Storage.ReadAsync([$"msteams/conversations/{ConversationId}"], CancellationToken.None));
        Assert.DoesNotContain(adapter.Conversation.User.Id, state, StringComparison.Ordinal);
        Assert.DoesNotContain(Aad, state, StringComparison.Ordinal);
        Assert.Contains("\"KeptLanguage\":\"sv\"", state, StringComparison.Ordinal);
        Assert.Empty(await bot.Storage.ReadAsync([$"msteams/users/{adapter.Conversation.User.Id}"], CancellationToken.None));

        // The reference was stored on the first turn; the confirming turn must not store it again.
        bot.References.Verify(r => r.SaveAsync(It.IsAny<string>(), It.IsAny<ConversationReference>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Confirm_InEnglish_AnswersInEnglish()
    {
        var bot = new TestBot();
        var adapter = Adapter("en-US");
        var confirmation = Card(await TurnAsync(bot, adapter, Message(adapter, "delete my data")));
        Assert.Equal("Yes, delete my data", (string)Action(confirmation, ErasureDesk.Confirm)["title"]!);

        var done = Card(await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, (string)Action(confirmation, ErasureDesk.Confirm)["data"]!["value"]!)));

        Assert.Contains("Your data has been deleted", Text(done), StringComparison.Ordinal);
        Assert.Contains("112", FirstText(done), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ChangesNothing()
    {
        var bot = new TestBot();
        var adapter = Adapter();
        var confirmation = Card(await TurnAsync(bot, adapter, Message(adapter, "radera mina uppgifter")));

        var answer = Card(await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Cancel, (string)Action(confirmation, ErasureDesk.Cancel)["data"]!["value"]!)));

        Assert.Contains("Inget har raderats.", Text(answer), StringComparison.Ordinal);
        Assert.Empty(bot.Eraser.Calls);
        Assert.True(await StateExistsAsync(bot));
    }

    [Fact]
    public async Task Confirm_BySomeoneTheCardWasNotShownTo_ErasesNothing()
    {
        var bot = new TestBot();
        var adapter = Adapter();
        var confirmation = Card(await TurnAsync(bot, adapter, Message(adapter, "radera mina uppgifter")));
        var token = (string)Action(confirmation, ErasureDesk.Confirm)["data"]!["value"]!;

        var answer = Card(await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, token, aad: "aad-colleague")));
        var forged = Card(await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, null)));

        Assert.Contains("gällde någon annans uppgifter", Text(answer), StringComparison.Ordinal);
        Assert.Contains("gällde någon annans uppgifter", Text(forged), StringComparison.Ordinal);
        Assert.Empty(bot.Eraser.Calls);
    }

    [Fact]
    public async Task EraseCommand_InTheMiddleOfATriage_AsksFirstAndLeavesTheTriageWhereItWas()
    {
        var bot = new TestBot();
        var adapter = Adapter();
        await TurnAsync(bot, adapter, Message(adapter, "rapportera"));

        var card = Card(await TurnAsync(bot, adapter, Message(adapter, "radera mina uppgifter")));
        var next = Card(await TurnAsync(bot, adapter, Message(adapter, "nej")));

        Assert.Equal("Ja, radera mina uppgifter", (string)Action(card, ErasureDesk.Confirm)["title"]!);
        Assert.Empty(bot.Eraser.Calls);
        // "nej" still answers the triage's first question ("Is anyone in immediate danger?"): the next question follows.
        Assert.DoesNotContain("Ja, radera", Text(next), StringComparison.Ordinal);
        Assert.Empty(bot.Cases is InMemoryCaseStore store ? store.Saved : []);
    }

    [Fact]
    public async Task Confirm_SwedishChosenOnAnEnglishClient_NextAnswersStayInSwedish()
    {
        var bot = new TestBot();
        var adapter = Adapter(locale: "en-US");
        await TurnAsync(bot, adapter, Message(adapter, "svenska"));
        var confirmation = Card(await TurnAsync(bot, adapter, Message(adapter, "radera mina uppgifter")));
        await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, (string)Action(confirmation, ErasureDesk.Confirm)["data"]!["value"]!));

        var help = Card(await TurnAsync(bot, adapter, Message(adapter, "hjälp")));

        Assert.Contains("Vid akut fara: ring 112", Text(help), StringComparison.Ordinal);
        Assert.Contains("Det här kan jag hjälpa till med", Text(help), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_InAGroupChat_MovesToThePersonalChatAndErasesNothingThere()
    {
        var bot = new TestBot();
        var adapter = Adapter(conversationType: "groupChat");
        await TurnAsync(bot, adapter, Message(adapter, "english"));

        var reply = await TurnAsync(bot, adapter, Message(adapter, "delete my data"));
        var forged = await TurnAsync(bot, adapter, Submit(adapter, ErasureDesk.Confirm, "any-token"));

        // The room sees one line, never the confirmation card; the request waits in the person's personal chat.
        Assert.Null(reply.Attachments?.FirstOrDefault());
        Assert.Contains("personal chat", reply.Text, StringComparison.Ordinal);
        Assert.Contains("personal chat", forged.Text, StringComparison.Ordinal);
        Assert.Equal(2, bot.PersonalChat.Sent.Count);
        Assert.Empty(bot.Eraser.Calls);
    }
}

using Microsoft.Bot.Builder;
using Moq;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Bot.Bots;
using SupportBot.Cards;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Tests.Bots;

/// <summary>The activity handler driven through the SDK's TestAdapter (in-memory state is fine here: no storage under test).</summary>
public sealed class SupportActivityHandlerTests
{
    private readonly TestBot _bot = new();

    private SupportActivityHandler CreateBot() => _bot.Handler;

    private static TestAdapter CreateAdapter(string locale = "sv-SE", string conversationType = "personal")
    {
        var reference = TestAdapter.CreateConversation("welcome-test").InTenant(TestTenants.A);
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = conversationType;
        reference.Locale = locale;
        // TestAdapter stamps its own Locale (en-us by default) on every activity it sends to the bot.
        return new TestAdapter(reference) { Locale = locale };
    }

    private static Activity MembersAdded(TestAdapter adapter, params ChannelAccount[] members)
    {
        var activity = adapter.MakeActivity();
        activity.Type = ActivityTypes.ConversationUpdate;
        activity.MembersAdded = members;
        return activity;
    }

    private static string CardText(IActivity activity)
    {
        var message = Assert.IsAssignableFrom<IMessageActivity>(activity);
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = JObject.FromObject(attachment.Content);
        return string.Join("\n", card.Descendants().OfType<JProperty>()
            .Where(p => p.Name is "text" or "title" or "value")
            .Select(p => p.Value.ToString()));
    }

    private static string FirstTextBlock(IActivity activity)
    {
        var card = JObject.FromObject(((IMessageActivity)activity).Attachments[0].Content);
        return card.Descendants().OfType<JObject>().First(o => (string?)o["type"] == "TextBlock")["text"]!.ToString();
    }

    [Fact]
    public async Task OnMembersAdded_NewUserInPersonalChat_SendsSwedishWelcomeWith112First()
    {
        var adapter = CreateAdapter();
        var user = new ChannelAccount("user-1", "Kim");
        await new TestFlow(adapter, CreateBot())
            .Send(MembersAdded(adapter, user))
            .AssertReply(reply =>
            {
                Assert.Equal("Vid akut fara: ring 112", FirstTextBlock(reply));
                var text = CardText(reply);
                Assert.Contains("inte den enskilda förtroendevalda", text, StringComparison.Ordinal);
                Assert.Contains("hjälp", text, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMembersAdded_EnglishLocale_SendsEnglishWelcome()
    {
        var adapter = CreateAdapter(locale: "en-US");
        await new TestFlow(adapter, CreateBot())
            .Send(MembersAdded(adapter, new ChannelAccount("user-1", "Kim")))
            .AssertReply(reply =>
            {
                Assert.Equal("In immediate danger: call 112", FirstTextBlock(reply));
                Assert.Contains("not the individual elected official", CardText(reply), StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMembersAdded_SecondTimeInSameConversation_DoesNotGreetAgain()
    {
        var adapter = CreateAdapter();
        await new TestFlow(adapter, CreateBot())
            .Send(MembersAdded(adapter, new ChannelAccount("user-1", "Kim")))
            .AssertReply(reply => Assert.Equal("Vid akut fara: ring 112", FirstTextBlock(reply)))
            .Send(MembersAdded(adapter, new ChannelAccount("user-1", "Kim")))
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMembersAdded_BotInstalledInPersonalChat_Greets()
    {
        // Teams names the bot in membersAdded when a person installs the app for themselves.
        var adapter = CreateAdapter();
        var bot = adapter.Conversation.Bot;
        await new TestFlow(adapter, CreateBot())
            .Send(MembersAdded(adapter, new ChannelAccount(bot.Id, bot.Name)))
            .AssertReply(reply => Assert.Equal("Vid akut fara: ring 112", FirstTextBlock(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnInstallationUpdate_Add_DoesNotGreetASecondTime()
    {
        var adapter = CreateAdapter();
        var install = adapter.MakeActivity();
        install.Type = ActivityTypes.InstallationUpdate;
        install.Action = "add";
        await new TestFlow(adapter, CreateBot())
            .Send(MembersAdded(adapter, new ChannelAccount("user-1", "Kim")))
            .AssertReply(reply => Assert.Equal("Vid akut fara: ring 112", FirstTextBlock(reply)))
            .Send(install)
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMessage_English_SwitchesThisUserToEnglishUntilSvenska()
    {
        var adapter = CreateAdapter("sv-SE");
        await new TestFlow(adapter, CreateBot())
            .Send("english")
            .AssertReply(reply => Assert.Contains("This is what I can help with", CardText(reply), StringComparison.Ordinal))
            .Send("hjälp")
            .AssertReply(reply => Assert.Equal("In immediate danger: call 112", FirstTextBlock(reply)))
            .Send("svenska")
            .AssertReply(reply => Assert.Contains("Det här kan jag hjälpa till med", CardText(reply), StringComparison.Ordinal))
            .Send("help")
            .AssertReply(reply => Assert.Equal("Vid akut fara: ring 112", FirstTextBlock(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMessage_SvenskaInTheMiddleOfATriage_AsksTheSameQuestionInSwedish()
    {
        var adapter = CreateAdapter("en-US");
        await new TestFlow(adapter, CreateBot())
            .Send("report")
            .AssertReply(reply => Assert.Contains("Is anyone in immediate danger right now?", CardText(reply), StringComparison.Ordinal))
            .Send("svenska")
            .AssertReply(reply => Assert.Contains("Är någon i omedelbar fara just nu?", CardText(reply), StringComparison.Ordinal))
            .Send("nej")
            .AssertReply(reply => Assert.Contains("Vad har hänt?", CardText(reply), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMembersAdded_UserJoinsGroupChat_DoesNotGreetEveryMember()
    {
        var adapter = CreateAdapter(conversationType: "groupChat");
        await new TestFlow(adapter, CreateBot())
            .Send(MembersAdded(adapter, new ChannelAccount("user-2", "Alex")))
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMembersAdded_BotAddedToTeam_GreetsOnce()
    {
        var adapter = CreateAdapter(conversationType: "channel");
        var bot = adapter.Conversation.Bot;
        await new TestFlow(adapter, CreateBot())
            .Send(MembersAdded(adapter, new ChannelAccount(bot.Id, bot.Name)))
            .AssertReply(reply => Assert.Equal("Vid akut fara: ring 112", FirstTextBlock(reply)))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("hjälp", "sv-SE", "Det här kan jag hjälpa till med")]
    [InlineData("Hjälp!", "sv-SE", "Det här kan jag hjälpa till med")]
    [InlineData("help", "sv-SE", "Det här kan jag hjälpa till med")]
    [InlineData("help", "en-US", "This is what I can help with")]
    [InlineData("hjälp", "en-GB", "This is what I can help with")]
    [InlineData("\u0001hjälp\u0002", "sv-SE", "Det här kan jag hjälpa till med")]
    [InlineData("🙏 help 🙏", "en-US", "This is what I can help with")]
    public async Task OnMessage_HelpKeyword_SendsHelpInUsersLanguage(string text, string locale, string expectedTitle)
    {
        var adapter = CreateAdapter(locale);
        await new TestFlow(adapter, CreateBot())
            .Send(text)
            .AssertReply(reply =>
            {
                var cardText = CardText(reply);
                Assert.Contains(expectedTitle, cardText, StringComparison.Ordinal);
                Assert.Contains("112", FirstTextBlock(reply), StringComparison.Ordinal);
                Assert.DoesNotContain("förstod inte", cardText, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Theory]
    [InlineData("blorp", "sv-SE", "Jag förstod inte det")]
    [InlineData("what is this?", "en-US", "I found no sure answer")]
    [InlineData("   ", "sv-SE", "Jag förstod inte det")]
    public async Task OnMessage_UnknownText_SendsHelpWithNotUnderstoodAnd112(string text, string locale, string expected)
    {
        var adapter = CreateAdapter(locale);
        await new TestFlow(adapter, CreateBot())
            .Send(text)
            .AssertReply(reply =>
            {
                Assert.Contains(expected, CardText(reply), StringComparison.Ordinal);
                Assert.Contains("112", FirstTextBlock(reply), StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    /// <summary>The card's submit buttons wherever they are (card actions or an ActionSet in the body), top to bottom.</summary>
    private static List<JObject> Buttons(IActivity activity) =>
        JObject.FromObject(((IMessageActivity)activity).Attachments[0].Content).Descendants().OfType<JObject>()
            .Where(o => (string?)o["type"] == "Action.Submit").ToList();

    [Theory]
    [InlineData("hej", "sv-SE", "Vid akut fara: ring 112", "Rapportera|Checklistor|Mina ärenden|Prenumerera|English")]
    [InlineData("Hallå!", "sv-SE", "Vid akut fara: ring 112", "Rapportera|Checklistor|Mina ärenden|Prenumerera|English")]
    [InlineData("hej SupportBot", "sv-SE", "Vid akut fara: ring 112", "Rapportera|Checklistor|Mina ärenden|Prenumerera|English")]
    [InlineData("hello", "en-US", "In immediate danger: call 112", "Report|Checklists|My cases|Subscribe|Svenska")]
    [InlineData("Hi", "en-GB", "In immediate danger: call 112", "Report|Checklists|My cases|Subscribe|Svenska")]
    [InlineData("hej", "en-US", "Vid akut fara: ring 112", "Rapportera|Checklistor|Mina ärenden|Prenumerera|English")]
    public Task OnMessage_Greeting_AnswersWithTheWelcomeAndItsButtonsInTheGreetingsLanguage(string text, string locale, string firstLine, string buttons) =>
        new TestFlow(CreateAdapter(locale), CreateBot())
            .Send(text)
            .AssertReply(reply =>
            {
                Assert.Equal(firstLine, FirstTextBlock(reply));
                Assert.Equal(buttons.Split('|'), Buttons(reply).Select(b => (string)b["title"]!));
                Assert.DoesNotContain("förstod inte", CardText(reply), StringComparison.Ordinal);
                Assert.DoesNotContain("did not understand", CardText(reply), StringComparison.Ordinal);
            })
            .StartTestAsync();

    [Fact]
    public async Task OnMessage_GreetingInSwedishOnAnEnglishClient_KeepsAnsweringInSwedish()
    {
        await new TestFlow(CreateAdapter("en-US"), CreateBot())
            .Send("hej").AssertReply(_ => { })
            .Send("help")
            .AssertReply(reply => Assert.Contains("Det här kan jag hjälpa till med", CardText(reply), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("report", "Är någon i omedelbar fara just nu?")]
    [InlineData("checklist", "Checklistor")]
    public async Task OnMessage_WelcomeButton_RunsTheCommand(string command, string expected)
    {
        var adapter = CreateAdapter();
        var click = adapter.MakeActivity();
        click.Text = null;
        click.Value = new JObject { ["verb"] = HelpCards.StartVerb, ["value"] = command };
        await new TestFlow(adapter, CreateBot())
            .Send(click)
            .AssertReply(reply => Assert.Contains(expected, CardText(reply), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMessage_LanguageSwitchButton_SwitchesAndShowsHelpInThatLanguage()
    {
        var adapter = CreateAdapter();
        var click = adapter.MakeActivity();
        click.Text = null;
        click.Value = new JObject { ["verb"] = HelpCards.LanguageVerb, ["value"] = "en" };
        await new TestFlow(adapter, CreateBot())
            .Send(click)
            .AssertReply(reply => Assert.Contains("This is what I can help with", CardText(reply), StringComparison.Ordinal))
            .Send("hjälp")
            .AssertReply(reply => Assert.Equal("In immediate danger: call 112", FirstTextBlock(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnInstallationUpdate_EnglishLocale_IsRememberedForMessagesWithoutALocale()
    {
        // Teams sends the locale on installationUpdate; a later activity without one is answered in that language.
        var adapter = CreateAdapter("en-US");
        var install = adapter.MakeActivity();
        install.Type = ActivityTypes.InstallationUpdate;
        install.Action = "add";
        await new TestFlow(adapter, CreateBot()).Send(install).StartTestAsync();
        adapter.Locale = "sv-SE";

        await new TestFlow(adapter, CreateBot())
            .Send("hjälp")
            .AssertReply(reply => Assert.Contains("This is what I can help with", CardText(reply), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OnMessage_HelpAndNotUnderstoodCards_CarryTheMainButtons(bool notUnderstood)
    {
        await new TestFlow(CreateAdapter(), CreateBot())
            .Send(notUnderstood ? "blorp" : "hjälp")
            .AssertReply(reply => Assert.Equal(["Rapportera", "Checklistor", "Mina ärenden", "English"], Buttons(reply).Select(b => (string)b["title"]!)))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnMessage_MentionInChannel_IsIgnoredWhenRecognisingTheCommand()
    {
        var adapter = CreateAdapter(conversationType: "channel");
        var bot = adapter.Conversation.Bot;
        var activity = adapter.MakeActivity("<at>SupportBot</at> hjälp");
        activity.Entities = [new Entity("mention")
        {
            Properties = JObject.FromObject(new { mentioned = new { id = bot.Id, name = bot.Name }, text = "<at>SupportBot</at>" }),
        }];
        await new TestFlow(adapter, CreateBot())
            .Send(activity)
            .AssertReply(reply => Assert.DoesNotContain("förstod inte", CardText(reply), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurn_PersonalChat_StoresTheReferenceOnceAWeek()
    {
        var adapter = CreateAdapter();
        await new TestFlow(adapter, CreateBot())
            .Send("hjälp").AssertReply(_ => { })
            .Send("hjälp").AssertReply(_ => { })
            .StartTestAsync();
        _bot.Time.Advance(TimeSpan.FromDays(8));
        await new TestFlow(adapter, CreateBot()).Send("hjälp").AssertReply(_ => { }).StartTestAsync();

        _bot.References.Verify(r => r.SaveAsync("user1", It.Is<ConversationReference>(c => c.Conversation.Id == adapter.Conversation.Conversation.Id), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task OnTurn_GroupChat_StoresNoPersonalReference()
    {
        var adapter = CreateAdapter(conversationType: "groupChat");
        await new TestFlow(adapter, CreateBot()).Send("hjälp").AssertReply(_ => { }).StartTestAsync();

        _bot.References.Verify(r => r.SaveAsync(It.IsAny<string>(), It.IsAny<ConversationReference>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task OnMessage_Always_PersistsConversationStateOnce()
    {
        var storage = new Mock<IStorage>();
        storage.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, object>());
        var bot = new TestBot(storage.Object).Handler;

        await new TestFlow(CreateAdapter(), bot).Send("hjälp").AssertReply(_ => { }).StartTestAsync();

        storage.Verify(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>()), Times.Once);
        storage.Verify(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task OnInvoke_UnknownName_Answers400Not501()
    {
        var adapter = CreateAdapter();
        var invoke = adapter.MakeActivity();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "steal/everything";

        await new TestFlow(adapter, CreateBot())
            .Send(invoke)
            .AssertReply(reply =>
            {
                Assert.Equal(ActivityTypesEx.InvokeResponse, reply.Type);
                Assert.Equal(400, Assert.IsType<InvokeResponse>(((Activity)reply).Value).Status);
            })
            .StartTestAsync();
    }

    /// <summary>Case work asked for in a shared room: one line there, the request waiting in the personal chat, nothing started or shown.</summary>
    [Theory]
    [InlineData("groupChat", "rapportera", "att rapportera en händelse")]
    [InlineData("channel", "rapportera", "att rapportera en händelse")]
    [InlineData("groupChat", "mina ärenden", "dina ärenden")]
    [InlineData("channel", "översikt", "översikten")]
    [InlineData("groupChat", "radera mina uppgifter", "att radera dina uppgifter")]
    public async Task OnMessage_CaseWorkInASharedRoom_MovesToThePersonalChat(string conversationType, string text, string what)
    {
        var adapter = CreateAdapter(conversationType: conversationType);
        var bot = new TestBot();
        await bot.Cases.CreateAsync(new SupportBot.Dialogs.Triage.NewCase(TestTenants.A, TestTenants.CodeA, TestTenants.NameA, "user1", "Kim", SupportBot.Dialogs.Triage.Urgency.Hog, new Dictionary<string, string>(), bot.Time.GetUtcNow(), "sv"), CancellationToken.None);

        await new TestFlow(adapter, bot.Handler)
            .Send(text)
            .AssertReply(reply =>
            {
                var message = (IMessageActivity)reply;
                Assert.Empty(message.Attachments ?? []);
                Assert.Contains(what, message.Text, StringComparison.Ordinal);
                Assert.Contains("personlig chatt", message.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("HH-", message.Text, StringComparison.Ordinal);
            })
            .AssertNoReply()
            .StartTestAsync();

        var invitation = Assert.Single(bot.PersonalChat.Sent);
        Assert.Contains(what, CardText(invitation), StringComparison.Ordinal);
        var state = await bot.Storage.ReadAsync(["msteams/conversations/" + adapter.Conversation.Conversation.Id], CancellationToken.None);
        Assert.DoesNotContain("\"FlowId\"", Newtonsoft.Json.JsonConvert.SerializeObject(state), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnMessage_CaseWorkInAGroupChatWithoutTheAppInstalledPersonally_SaysHowToOpenThePersonalChat()
    {
        var adapter = CreateAdapter(conversationType: "groupChat");
        var bot = new TestBot();
        bot.PersonalChat.Opens = false;

        await new TestFlow(adapter, bot.Handler)
            .Send("rapportera")
            .AssertReply(reply => Assert.Contains("öppna chatten med SupportBot", ((IMessageActivity)reply).Text, StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task OnMessage_HelpChecklistsAnd112InASharedRoom_StillWork(string conversationType)
    {
        var adapter = CreateAdapter(conversationType: conversationType);
        var bot = new TestBot();
        await new TestFlow(adapter, bot.Handler)
            .Send("akut").AssertReply(reply => Assert.Contains("112", CardText(reply), StringComparison.Ordinal))
            .Send("checklista").AssertReply(reply => Assert.Contains("Bevissäkring", CardText(reply), StringComparison.Ordinal))
            .Send("hjälp").AssertReply(reply => Assert.Contains("rapportera", CardText(reply), StringComparison.Ordinal))
            .StartTestAsync();

        Assert.Empty(bot.PersonalChat.Sent);
    }
}

using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Checklists;

namespace SupportBot.Tests.Checklists;

/// <summary>
/// Checklists through the real activity handler and router (SDK TestAdapter, stores in memory): the list, a checklist
/// with saved ticks, Spara/Återställ/Dela as Action.Execute and as Action.Submit, and what is refused.
/// </summary>
public sealed class ChecklistDeskTests
{
    private const string Aad = "aad-manager-1";
    private const string Meetings = "public-meetings";

    private static TestAdapter Adapter(string conversationType = "personal", string conversationId = "checklist-test")
    {
        var reference = TestAdapter.CreateConversation(conversationId).InTenant(TestTenants.A);
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = conversationType;
        reference.User.AadObjectId = Aad;
        reference.User.Name = "Maria Holm";
        return new TestAdapter(reference) { Locale = "sv-SE" };
    }

    private static Activity Message(TestAdapter adapter, string text)
    {
        var activity = adapter.MakeActivity(text);
        activity.From.AadObjectId = Aad;
        return activity;
    }

    private static Activity Submit(TestAdapter adapter, JObject data, string? replyToId = null)
    {
        var activity = adapter.MakeActivity();
        activity.Text = null;
        activity.From.AadObjectId = Aad;
        activity.Value = data;
        activity.ReplyToId = replyToId;
        return activity;
    }

    /// <summary>An Action.Execute invoke; the handler's answer (the card to show in place) is returned.</summary>
    private static async Task<JObject> ExecuteAsync(TestBot bot, TestAdapter adapter, string verb, JObject data)
    {
        var activity = adapter.MakeActivity();
        activity.Type = ActivityTypes.Invoke;
        activity.Name = "adaptiveCard/action";
        activity.Text = null;
        activity.From.AadObjectId = Aad;
        activity.Value = new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);
        var reply = adapter.GetNextReply();
        Assert.Equal("invokeResponse", reply.Type);
        var response = (InvokeResponse)((Activity)reply).Value;
        Assert.Equal(200, response.Status);
        var body = JObject.FromObject(response.Body);
        Assert.Equal(200, (int)body["statusCode"]!);
        return (JObject)body["value"]!;
    }

    private static JObject Data(string checklist, string shown = "", params (string Item, bool On)[] toggles)
    {
        var data = new JObject { ["checklist"] = checklist, ["shown"] = shown };
        foreach (var (item, on) in toggles)
        {
            data[ChecklistCommand.TickPrefix + item] = on ? "true" : "false";
        }

        return data;
    }

    private static JObject Card(IActivity activity) => JObject.FromObject(((IMessageActivity)activity).Attachments[0].Content);

    private static string Text(JObject card) => string.Join("\n", card.Descendants().OfType<JProperty>()
        .Where(p => p.Name is "text" or "title" or "label").Select(p => p.Value.ToString()));

    /// <summary>Each toggle's item id and whether the card shows it ticked.</summary>
    private static Dictionary<string, bool> Toggles(JObject card) => card.Descendants().OfType<JObject>()
        .Where(o => (string?)o["type"] == "Input.Toggle")
        .ToDictionary(o => ((string)o["id"]!)[ChecklistCommand.TickPrefix.Length..], o => (string?)o["value"] == "true");

    /// <summary>The card's own buttons, top to bottom (not fallbacks, not the button inside "Dela").</summary>
    private static List<string> Buttons(JObject card) => card["body"]!.Children<JObject>()
        .Where(o => (string?)o["type"] == "ActionSet")
        .SelectMany(o => o["actions"]!.Children<JObject>())
        .Select(o => (string)o["title"]!).ToList();

    private static async Task<IActivity> SendAsync(TestAdapter adapter, TestBot bot, Activity activity)
    {
        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);
        return adapter.GetNextReply();
    }

    [Fact]
    public async Task Checklista_NothingSaved_ListsTheEightChecklistsAsButtons()
    {
        var bot = new TestBot();
        var adapter = Adapter();

        var card = Card(await SendAsync(adapter, bot, Message(adapter, "checklista")));

        Assert.Contains("112", (string)card["body"]![0]!["text"]!, StringComparison.Ordinal);
        Assert.Equal(
            ["Organisation och förberedelser", "I vardagen och säkerhet i hemmet", "Inför offentliga möten", "Om något händer / efteråt", "Bevissäkring", "Sociala medier och näthat", "Stöd och anhöriga", "Media"],
            Buttons(card));
    }

    [Fact]
    public async Task Checklist_InEnglish_ListsTheEnglishTitlesWithProgress()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, "evidence", "ev-screenshots");
        var adapter = Adapter();
        var message = Message(adapter, "checklist");
        message.Locale = "en-US";

        var card = Card(await SendAsync(adapter, bot, message));

        Assert.Contains("Preserving evidence · 1 of 5 done", Buttons(card));
        Assert.Contains("Before public and council meetings", Buttons(card));
    }

    [Fact]
    public async Task Checklista_WithSavedTicks_ShowsProgressOnThatChecklistsButton()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue", "pm-guards");
        bot.ChecklistProgress.Seed(Aad, "media");
        var adapter = Adapter();

        var buttons = Buttons(Card(await SendAsync(adapter, bot, Message(adapter, "checklista"))));

        Assert.Contains("Inför offentliga möten · 2 av 5 klara", buttons);
        // Nothing ticked (after a reset): just the title.
        Assert.Contains("Media", buttons);
    }

    [Fact]
    public async Task Open_SavedTicks_ShowsThemTickedWithSourcesAndButtons()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue", "pm-check-in");
        var adapter = Adapter();

        var card = Card(await SendAsync(adapter, bot, Submit(adapter, new JObject { ["verb"] = ChecklistCommand.Open, ["checklist"] = Meetings })));

        Assert.Equal("1.5", (string)card["version"]!);
        Assert.Equal(new Dictionary<string, bool> { ["pm-venue"] = true, ["pm-guards"] = false, ["pm-check-in"] = true, ["pm-inform"] = false, ["pm-risk-questions"] = false }, Toggles(card));
        var text = Text(card);
        Assert.Contains("Inför offentliga möten", text, StringComparison.Ordinal);
        Assert.Contains("2 av 5 klara", text, StringComparison.Ordinal);
        Assert.Contains("Källa: [SKR, Trygg som förtroendevald](https://skr.se/", text, StringComparison.Ordinal);
        Assert.Equal(["Visa alla punkter (2 till)", "Spara", "Återställ", "Prenumerera", "Dela"], Buttons(card));
        Assert.All(card.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "Input.Toggle"), t => Assert.True((bool)t["wrap"]!));
    }

    [Fact]
    public async Task ExecuteSave_TwoTicked_StoresThemAndAnswersTheSameCardWithSavedLine()
    {
        var bot = new TestBot();
        var adapter = Adapter();

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Save, Data(Meetings, "", ("pm-venue", true), ("pm-guards", true), ("pm-check-in", false)));

        Assert.Contains("Sparat: 2 av 5", Text(card), StringComparison.Ordinal);
        Assert.True(Toggles(card)["pm-venue"]);
        Assert.Equal(["pm-venue", "pm-guards"], (await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
    }

    [Fact]
    public async Task ExecuteSave_FromACardThatShowedNothing_KeepsTicksSavedElsewhere()
    {
        // An old card (or a clean copy shared in a channel) must not wipe what was saved from another card.
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue", "pm-guards");
        var adapter = Adapter();

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Save, Data(Meetings, "", ("pm-venue", false), ("pm-guards", false), ("pm-inform", true)));

        Assert.Equal(["pm-venue", "pm-guards", "pm-inform"], (await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
        Assert.Contains("Sparat: 3 av 5", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteSave_UntickedOnTheCard_RemovesOnlyThat()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue", "pm-guards", "pm-inform");
        var adapter = Adapter();

        await ExecuteAsync(bot, adapter, ChecklistCommand.Save, Data(Meetings, "pm-venue,pm-guards", ("pm-venue", true), ("pm-guards", false)));

        Assert.Equal(["pm-venue", "pm-inform"], (await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
    }

    [Fact]
    public async Task ExecuteSave_UnknownItemIds_AreIgnored()
    {
        var bot = new TestBot();
        var adapter = Adapter();

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Save, Data(Meetings, "ev-log", ("pm-venue", true), ("nonexistent", true), ("ev-log", true), ("../../x", true)));

        Assert.Equal(["pm-venue"], (await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
        Assert.Contains("Sparat: 1 av 5", Text(card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-checklist")]
    [InlineData("")]
    [InlineData("PartitionKey eq 'x'")]
    public async Task ExecuteSave_UnknownChecklist_AnswersTheListKindlyAndStoresNothing(string checklist)
    {
        var bot = new TestBot();
        var adapter = Adapter();

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Save, Data(checklist, "", ("pm-venue", true)));

        Assert.Contains("Jag hittar inte den checklistan.", Text(card), StringComparison.Ordinal);
        Assert.Contains("Inför offentliga möten", Buttons(card));
        Assert.Equal(0, bot.ChecklistProgress.Writes);
    }

    [Theory]
    [InlineData("\"nonsense\"")]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("{\"checklist\":{\"a\":1},\"tick.pm-venue\":[true]}")]
    public async Task Execute_MalformedData_AnswersTheListAndStoresNothing(string data)
    {
        var bot = new TestBot();
        var adapter = Adapter();
        var activity = adapter.MakeActivity();
        activity.Type = ActivityTypes.Invoke;
        activity.Name = "adaptiveCard/action";
        activity.Value = new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = ChecklistCommand.Save, ["data"] = JToken.Parse(data) } };

        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);

        var response = (InvokeResponse)((Activity)adapter.GetNextReply()).Value;
        Assert.Equal(200, response.Status);
        Assert.Contains("Jag hittar inte den checklistan.", JObject.FromObject(response.Body).ToString(), StringComparison.Ordinal);
        Assert.Equal(0, bot.ChecklistProgress.Writes);
    }

    [Fact]
    public async Task ExecuteSave_AnotherWindowSavedInBetween_AppliesTheChangeToTheirs()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue");
        bot.ChecklistProgress.ConflictsToInject = 1;
        bot.ChecklistProgress.Interloper = ["pm-venue", "pm-inform"];
        var adapter = Adapter();

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Save, Data(Meetings, "pm-venue", ("pm-venue", true), ("pm-guards", true)));

        Assert.Equal(["pm-venue", "pm-guards", "pm-inform"], (await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
        Assert.Contains("Sparat: 3 av 5", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteSave_LosesTwice_SaysSoAndShowsWhatIsStored()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.ConflictsToInject = 2;
        bot.ChecklistProgress.Interloper = ["pm-inform"];
        var adapter = Adapter();

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Save, Data(Meetings, "", ("pm-venue", true)));

        Assert.Contains("sparades från ett annat fönster samtidigt", Text(card), StringComparison.Ordinal);
        Assert.Equal(["pm-inform"], (await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
        Assert.True(Toggles(card)["pm-inform"]);
        Assert.False(Toggles(card)["pm-venue"]);
    }

    [Fact]
    public async Task ExecuteReset_ClearsTheSavedTicksAndShowsThemCleared()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue", "pm-guards");
        var adapter = Adapter();

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Reset, Data(Meetings, "pm-venue,pm-guards"));

        Assert.Contains("Återställd", Text(card), StringComparison.Ordinal);
        Assert.Contains("0 av 5 klara", Text(card), StringComparison.Ordinal);
        Assert.All(Toggles(card).Values, Assert.False);
        Assert.Empty((await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
    }

    [Fact]
    public async Task SubmitSave_WithReplyToId_UpdatesTheClickedCardInPlace()
    {
        var bot = new TestBot();
        var adapter = Adapter();
        var data = Data(Meetings, "", ("pm-venue", true), ("pm-guards", true));
        data["verb"] = ChecklistCommand.Save;

        var updates = new List<Activity>();
        adapter.Use(new UpdateRecorder(updates));

        await adapter.ProcessActivityAsync(Submit(adapter, data, replyToId: "card-1"), bot.Handler.OnTurnAsync, CancellationToken.None);

        var update = Assert.Single(updates);
        Assert.Equal("card-1", update.Id);
        Assert.Contains("Sparat: 2 av 5", Text(Card(update)), StringComparison.Ordinal);
        Assert.Null(adapter.GetNextReply());
        Assert.Equal(["pm-venue", "pm-guards"], (await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
    }

    [Fact]
    public async Task TypedReset_AfterOpeningAChecklist_ResetsThatChecklist()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue");
        var adapter = Adapter();
        await SendAsync(adapter, bot, Submit(adapter, new JObject { ["verb"] = ChecklistCommand.Open, ["checklist"] = Meetings }));

        var card = Card(await SendAsync(adapter, bot, Message(adapter, "Återställ")));

        Assert.Contains("Återställd", Text(card), StringComparison.Ordinal);
        Assert.Empty((await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
    }

    [Fact]
    public async Task TypedReset_NoChecklistOpened_IsNotUnderstoodAndChangesNothing()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue");
        var adapter = Adapter();

        var card = Card(await SendAsync(adapter, bot, Message(adapter, "reset")));

        Assert.Contains("Jag förstod inte det.", Text(card), StringComparison.Ordinal);
        Assert.Equal(["pm-venue"], (await bot.ChecklistProgress.GetAsync(Aad, Meetings, CancellationToken.None))!.Ticked);
    }

    [Fact]
    public async Task Share_NoGroupChatSeen_ExplainsHowToAddTheBotToATeam()
    {
        var bot = new TestBot();
        var adapter = Adapter();

        var card = Card(await SendAsync(adapter, bot, Submit(adapter, new JObject { ["verb"] = ChecklistCommand.Open, ["checklist"] = Meetings })));

        Assert.Contains("Lägg till SupportBot i ett team", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain(card.Descendants().OfType<JObject>(), o => (string?)o["verb"] == ChecklistCommand.Share);
    }

    [Fact]
    public async Task Share_ToAGroupChatThePersonUsedTheBotIn_PostsACleanCopyThere()
    {
        var bot = new TestBot();
        bot.ChecklistProgress.Seed(Aad, Meetings, "pm-venue");

        // Maria @mentions the bot in the group chat once: it becomes a place she can share to.
        var group = Adapter("groupChat", "19:group@thread.v2");
        var mention = Message(group, "hjälp");
        mention.Conversation.Name = "Säkerhetsgruppen";
        await SendAsync(group, bot, mention);

        var adapter = Adapter();
        var opened = Card(await SendAsync(adapter, bot, Submit(adapter, new JObject { ["verb"] = ChecklistCommand.Open, ["checklist"] = Meetings })));
        var choice = opened.Descendants().OfType<JObject>().Single(o => (string?)o["type"] == "Input.ChoiceSet");
        Assert.Equal("Säkerhetsgruppen", (string)choice["choices"]![0]!["title"]!);
        var data = Data(Meetings, "pm-venue", ("pm-venue", true));
        data["target"] = (string)choice["choices"]![0]!["value"]!;

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Share, data);

        Assert.Contains("Postad i Säkerhetsgruppen.", Text(card), StringComparison.Ordinal);
        var (conversation, message) = Assert.Single(bot.Poster.Posted);
        Assert.Equal("19:group@thread.v2", conversation.Conversation.Id);
        var copy = Card(message);
        Assert.All(Toggles(copy).Values, Assert.False);
        Assert.Contains("Delad av Maria Holm.", Text(copy), StringComparison.Ordinal);
        Assert.DoesNotContain("Dela", Buttons(copy));
    }

    [Fact]
    public async Task Share_UnknownTarget_IsRefusedAndNothingIsPosted()
    {
        var bot = new TestBot();
        var adapter = Adapter();
        var data = Data(Meetings);
        data["target"] = "0123456789abcdef0123456789abcdef";

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Share, data);

        Assert.Contains("Jag hittar inte den chatten", Text(card), StringComparison.Ordinal);
        Assert.Empty(bot.Poster.Posted);
    }

    [Fact]
    public async Task Share_PostFails_SaysSoOnTheCard()
    {
        var bot = new TestBot();
        await bot.ShareTargets.SaveAsync(Aad, new ShareTarget("k1", ShareTarget.Channel, "Exempelby kommun › Incidenter", new ConversationReference(), DateTimeOffset.UnixEpoch), CancellationToken.None);
        bot.Poster.Fails = true;
        var adapter = Adapter();
        var data = Data(Meetings);
        data["target"] = "k1";

        var card = await ExecuteAsync(bot, adapter, ChecklistCommand.Share, data);

        Assert.Contains("Jag kunde inte posta i Exempelby kommun › Incidenter.", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelMention_IsRememberedAsTheChannelItselfWithTeamAndChannelName_RefreshedWeekly()
    {
        var bot = new TestBot();
        var channel = Adapter("channel", "19:incidents@thread.tacv2;messageid=1700000000000");
        Activity Mention()
        {
            var activity = Message(channel, "hjälp");
            activity.ChannelData = JObject.FromObject(new Microsoft.Bot.Schema.Teams.TeamsChannelData
            {
                Team = new Microsoft.Bot.Schema.Teams.TeamInfo("19:general@thread.tacv2", "Exempelby kommun"),
                Channel = new Microsoft.Bot.Schema.Teams.ChannelInfo("19:incidents@thread.tacv2", "Incidenter"),
            });
            return activity;
        }

        await SendAsync(channel, bot, Mention());
        var first = Assert.Single(await bot.ShareTargets.ListAsync(Aad, CancellationToken.None));
        bot.Time.Advance(TimeSpan.FromDays(1));
        await SendAsync(channel, bot, Mention());
        var unchanged = Assert.Single(await bot.ShareTargets.ListAsync(Aad, CancellationToken.None));
        bot.Time.Advance(TimeSpan.FromDays(7));
        await SendAsync(channel, bot, Mention());
        var refreshed = Assert.Single(await bot.ShareTargets.ListAsync(Aad, CancellationToken.None));

        Assert.Equal(ShareTarget.KeyFor("19:incidents@thread.tacv2"), first.Key);
        Assert.Equal("19:incidents@thread.tacv2", first.Conversation.Conversation.Id);
        Assert.Equal("Exempelby kommun › Incidenter", first.Name);
        Assert.Equal(ShareTarget.Channel, first.Kind);
        Assert.Null(first.Conversation.User.Name);
        Assert.Equal(first.SeenAt, unchanged.SeenAt);
        Assert.True(refreshed.SeenAt > first.SeenAt);
    }

    [Fact]
    public async Task GroupChat_Checklista_WorksThereWithoutShareButton()
    {
        var bot = new TestBot();
        var group = Adapter("groupChat", "19:group-2@thread.v2");

        await SendAsync(group, bot, Message(group, "checklista"));
        var card = Card(await SendAsync(group, bot, Submit(group, new JObject { ["verb"] = ChecklistCommand.Open, ["checklist"] = "evidence" })));

        Assert.Equal(["Visa alla punkter (2 till)", "Spara", "Återställ"], Buttons(card));
    }

    [Fact]
    public async Task GuidanceCardChecklistButton_OnlineHateCase_OpensAfterEvidenceSocialMediaAndSupportCards()
    {
        var bot = new TestBot();
        var record = await bot.Cases.CreateAsync(new SupportBot.Dialogs.Triage.NewCase(
            TestTenants.A, TestTenants.CodeA, TestTenants.NameA, Aad, "Maria Holm", SupportBot.Dialogs.Triage.Urgency.Normal,
            new Dictionary<string, string> { ["what"] = "online-hate", ["channel"] = "social-media" }, DateTimeOffset.UnixEpoch, "sv"), CancellationToken.None);
        bot.ChecklistProgress.Seed(Aad, "evidence", "ev-screenshots");
        var adapter = Adapter();

        await adapter.ProcessActivityAsync(Submit(adapter, new JObject { ["verb"] = "checklist", ["value"] = record.CaseNumber }), bot.Handler.OnTurnAsync, CancellationToken.None);

        Assert.Contains("Om något händer", Text(Card(adapter.GetNextReply())), StringComparison.Ordinal);
        var first = Card(adapter.GetNextReply());
        var second = Card(adapter.GetNextReply());
        Assert.Contains("Stöd och anhöriga", Text(Card(adapter.GetNextReply())), StringComparison.Ordinal);
        Assert.Contains("Bevissäkring", Text(first), StringComparison.Ordinal);
        Assert.True(Toggles(first)["ev-screenshots"]);
        Assert.Contains("Sociala medier och näthat", Text(second), StringComparison.Ordinal);
        Assert.Contains("Input.Toggle", second.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Records the messages a turn updates in place (the TestAdapter itself only updates messages it sent).</summary>
    private sealed class UpdateRecorder(List<Activity> updates) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            turnContext.OnUpdateActivity((context, activity, nextUpdate) =>
            {
                // A copy: the activity object is the caller's and may change afterwards.
                updates.Add(Newtonsoft.Json.JsonConvert.DeserializeObject<Activity>(Newtonsoft.Json.JsonConvert.SerializeObject(activity))!);
                return nextUpdate();
            });
            return next(cancellationToken);
        }
    }
}

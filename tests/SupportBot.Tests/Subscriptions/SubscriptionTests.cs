using System.Net;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Content;
using SupportBot.Cards;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.Subscriptions;

/// <summary>"prenumerera" / "avsluta prenumeration", the digest card, and the digest run at start: once per version set, paced, retried on 429.</summary>
public sealed class SubscriptionTests
{
    private const string Aad = "5b0c0000-0000-4000-8000-0000000000aa";

    private static TestAdapter Adapter(string conversationType = "personal", string tenant = TestTenants.A, string locale = "sv-SE")
    {
        var reference = TestAdapter.CreateConversation("subscription-test").InTenant(tenant);
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = conversationType;
        reference.User.AadObjectId = Aad;
        return new TestAdapter(reference) { Locale = locale };
    }

    private static async Task<string> SayAsync(TestBot bot, TestAdapter adapter, string text)
    {
        var activity = adapter.MakeActivity(text);
        activity.From.AadObjectId = Aad;
        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);
        var reply = (IMessageActivity)adapter.GetNextReply();
        return reply.Text ?? JObject.FromObject(reply.Attachments[0].Content).ToString();
    }

    [Fact]
    public async Task Prenumerera_InPersonalChat_StoresOneSubscriptionForTheTenantAndConfirmsKindly()
    {
        var bot = new TestBot();
        var adapter = Adapter();

        var first = await SayAsync(bot, adapter, "prenumerera");
        var second = await SayAsync(bot, adapter, "Prenumerera");

        Assert.StartsWith("Klart: du prenumererar nu på uppdateringar av råden för Uppsala kommun", first, StringComparison.Ordinal);
        Assert.StartsWith("Du prenumererar redan", second, StringComparison.Ordinal);
        var stored = Assert.Single(await bot.Subscriptions.ListAllAsync(CancellationToken.None));
        Assert.Equal((TestTenants.A, Aad, "sv", TestBot.ContentVersions.VersionHash), (stored.TenantId, stored.PersonId, stored.Language, stored.SeenHash));
    }

    [Fact]
    public async Task Unsubscribe_InEnglish_EndsItAndSaysSoOnceThenThatThereIsNone()
    {
        var bot = new TestBot();
        var adapter = Adapter(locale: "en-GB");
        await SayAsync(bot, adapter, "subscribe");

        var ended = await SayAsync(bot, adapter, "unsubscribe");
        var again = await SayAsync(bot, adapter, "unsubscribe");

        Assert.StartsWith("Done: you will get no more updates", ended, StringComparison.Ordinal);
        Assert.StartsWith("You have no subscription to end", again, StringComparison.Ordinal);
        Assert.Equal(0, await bot.Subscriptions.CountAsync(TestTenants.A, CancellationToken.None));
    }

    [Fact]
    public async Task Prenumerera_InGroupChat_MovesToThePersonalChatAndStoresNothing()
    {
        var bot = new TestBot();
        var adapter = Adapter("groupChat");

        var reply = await SayAsync(bot, adapter, "prenumerera");

        Assert.Contains("att prenumerera på uppdateringar", reply, StringComparison.Ordinal);
        Assert.Empty(await bot.Subscriptions.ListAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Prenumerera_FromAnAdviserOnlyTenant_StoresNothing()
    {
        var bot = new TestBot();

        var reply = await SayAsync(bot, Adapter(tenant: TestTenants.Skr), "prenumerera");

        Assert.StartsWith("Prenumerationen gäller en kommun eller region", reply, StringComparison.Ordinal);
        Assert.Empty(await bot.Subscriptions.ListAllAsync(CancellationToken.None));
    }

    public static TheoryData<string, int[], string[]> ChangeCases => new()
    {
        // What the person saw (key=version) against content a=1, b=2, c=1 → what the digest names.
        { "a=1,b=2,c=1", [], [] },
        { "a=1,b=1,c=1", [], ["b"] },
        { "a=1,b=2", [], ["c"] },
        { "a=1,b=2,c=1,gone=4", [], [] },
        { "", [], ["a", "b", "c"] },
    };

    [Theory]
    [MemberData(nameof(ChangeCases))]
    public void Changes_NamesNewAndRaisedItemsOnly(string seen, int[] unused, string[] expected)
    {
        _ = unused;
        var content = new ContentVersions([Item("a", 1), Item("b", 2), Item("c", 1)]);
        var seenVersions = seen.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => "ChecklistItem:" + p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var subscription = new Subscription(TestTenants.A, Aad, "sv", DateTimeOffset.UnixEpoch, seenVersions, ContentVersions.HashOf(seenVersions.Select(kv => (kv.Key, kv.Value))));

        Assert.Equal(expected, DigestPlan.Changes(subscription, content).Select(i => i.Id));
    }

    [Theory]
    [InlineData(UserLanguage.Swedish, "Råden har uppdaterats", "version 2 · Nu även skärmdumpar av privata meddelanden.", "Nytt", "Öppna Sociala medier")]
    [InlineData(UserLanguage.English, "The guidance has been updated", "version 2 · Now also screenshots of private messages.", "New", "Open Social media")]
    public void Digest_NamesEachChangeWithItsNoteAndOffersToOpenTheChecklistAndTheAnswer(UserLanguage language, string title, string note, string isNew, string openChecklist)
    {
        var cards = new SubscriptionCards(TextCatalog.Default, CardLibrary.Default, ChecklistContent.Default);
        var changes = CardSamples.DigestSample();

        var card = JObject.FromObject(cards.Digest(changes, language).Attachments[0].Content);
        var text = card.ToString();

        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains(changes[0].Title.For(language), text, StringComparison.Ordinal);
        Assert.Contains(note, text, StringComparison.Ordinal);
        Assert.Contains(isNew, text, StringComparison.Ordinal);
        var buttons = card["actions"]!.Children<JObject>().ToList();
        Assert.Equal(2, buttons.Count);
        Assert.StartsWith(openChecklist, (string)buttons[0]["title"]!, StringComparison.Ordinal);
        Assert.Equal(("checklist.open", "social-media"), ((string)buttons[0]["data"]!["verb"]!, (string)buttons[0]["data"]!["checklist"]!));
        Assert.Equal((SubscriptionCards.OpenAnswerVerb, changes[1].AnswerId), ((string)buttons[1]["data"]!["verb"]!, (string?)buttons[1]["data"]!["value"]));
    }

    [Fact]
    public async Task DigestAnswerButton_OpensThatAnswer()
    {
        var bot = new TestBot();
        var adapter = Adapter();
        var answer = QuestionContentAnswer();
        var activity = adapter.MakeActivity();
        activity.Text = null;
        activity.From.AadObjectId = Aad;
        activity.Value = new JObject { ["verb"] = SubscriptionCards.OpenAnswerVerb, ["value"] = answer.Id };

        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);

        Assert.Contains(answer.Answer.Sv[..30], JObject.FromObject(((IMessageActivity)adapter.GetNextReply()).Attachments[0].Content).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announce_TwoRunsOnTheSameStore_SendsOneDigestAndRemembersWhatWasSeen()
    {
        var store = new InMemorySubscriptionStore();
        store.Put(Subscriber(TestTenants.A, "p1", "sv"));
        var messenger = Messenger();

        var first = await Announcer(store, messenger.Object).AnnounceAsync(CancellationToken.None);
        var second = await Announcer(store, messenger.Object).AnnounceAsync(CancellationToken.None);

        Assert.Equal(1, first.Sent);
        Assert.Equal(0, second.Sent + second.AlreadyClaimed);
        messenger.Verify(m => m.SendToPersonAsync("p1", It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(Changed.VersionHash, (await store.ListAllAsync(CancellationToken.None))[0].SeenHash);
    }

    [Fact]
    public async Task Announce_ClaimedElsewhere_SendsNothing()
    {
        var store = new InMemorySubscriptionStore();
        store.Put(Subscriber(TestTenants.A, "p1", "sv"));
        await store.ClaimDigestAsync(TestTenants.A, "p1", Changed.VersionHash, DateTimeOffset.UnixEpoch, CancellationToken.None);
        var messenger = Messenger();

        var run = await Announcer(store, messenger.Object).AnnounceAsync(CancellationToken.None);

        Assert.Equal((0, 1), (run.Sent, run.AlreadyClaimed));
        messenger.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Announce_TenantNoLongerOnboarded_GetsNothing()
    {
        var store = new InMemorySubscriptionStore();
        store.Put(Subscriber(TestTenants.Stranger, "p1", "sv"));
        var messenger = Messenger();

        var run = await Announcer(store, messenger.Object).AnnounceAsync(CancellationToken.None);

        Assert.Equal(1, run.NotOnboarded);
        messenger.VerifyNoOtherCalls();
        Assert.Empty(store.Claims);
    }

    [Fact]
    public async Task Announce_Throttled_RetriesAfterRetryAfterOrBackoffAndPacesTheNextSend()
    {
        var store = new InMemorySubscriptionStore();
        store.Put(Subscriber(TestTenants.A, "p1", "sv"));
        store.Put(Subscriber(TestTenants.A, "p2", "en"));
        var messenger = Messenger();
        messenger.SetupSequence(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(Throttled(retryAfterSeconds: 3))
            .ThrowsAsync(Throttled(retryAfterSeconds: null))
            .ReturnsAsync(new Delivery(DeliveryResult.Delivered))
            .ReturnsAsync(new Delivery(DeliveryResult.Delivered));
        var waits = new List<TimeSpan>();
        var announcer = Announcer(store, messenger.Object);
        announcer.Delay = (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        };

        var run = await announcer.AnnounceAsync(CancellationToken.None);

        Assert.Equal(2, run.Sent);
        var pace = TimeSpan.FromSeconds(1.0 / 4);

        // 429 with Retry-After 3 → 3 s; 429 without → 1–1.5 s backoff; every send after the first waits the pace.
        Assert.Equal(TimeSpan.FromSeconds(3), waits[0]);
        Assert.Equal(pace, waits[1]);
        Assert.InRange(waits[2], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        Assert.Equal([pace, pace], new[] { waits[3], waits[4] });
        Assert.Equal(5, waits.Count);
    }

    [Fact]
    public async Task Announce_ThrottledEveryTime_GivesTheClaimBackForTheNextStart()
    {
        var store = new InMemorySubscriptionStore();
        store.Put(Subscriber(TestTenants.A, "p1", "sv"));
        var messenger = Messenger();
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ThrowsAsync(Throttled(retryAfterSeconds: 1));
        var announcer = Announcer(store, messenger.Object);
        announcer.Delay = (_, _) => Task.CompletedTask;

        var run = await announcer.AnnounceAsync(CancellationToken.None);

        Assert.Equal(1, run.Failed);
        messenger.Verify(m => m.SendToPersonAsync("p1", It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()), Times.Exactly(DigestSendPolicy.MaxAttempts));
        Assert.Empty(store.Claims);
        Assert.Equal(Seen.VersionHash, (await store.ListAllAsync(CancellationToken.None))[0].SeenHash);
    }

    [Fact]
    public async Task Announce_Unreachable_KeepsTheClaimAndDoesNotRetry()
    {
        var store = new InMemorySubscriptionStore();
        store.Put(Subscriber(TestTenants.A, "p1", "sv"));
        var messenger = Messenger(Delivery.Unreachable);

        var run = await Announcer(store, messenger.Object).AnnounceAsync(CancellationToken.None);

        Assert.Equal(1, run.Unreachable);
        Assert.Single(store.Claims);
        messenger.Verify(m => m.SendToPersonAsync("p1", It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private static readonly ContentVersions Seen = new([Item("a", 1), Item("b", 1)]);

    private static readonly ContentVersions Changed = new([Item("a", 1), Item("b", 2)]);

    private static Subscription Subscriber(string tenant, string person, string language) =>
        new(tenant, person, language, DateTimeOffset.UnixEpoch, Seen.Items.ToDictionary(i => i.Key, i => i.Version), Seen.VersionHash);

    private static DigestAnnouncer Announcer(ISubscriptionStore store, ITeamsMessenger messenger) => new(
        store,
        Changed,
        TestTenants.Directory,
        new SubscriptionCards(TextCatalog.Default, CardLibrary.Default, ChecklistContent.Default),
        messenger,
        Microsoft.Extensions.Options.Options.Create(new ContentOptions { DigestsPerSecond = 4 }),
        new FakeTimeProvider(),
        NullLogger<DigestAnnouncer>.Instance);

    private static Mock<ITeamsMessenger> Messenger(Delivery? delivery = null)
    {
        var messenger = new Mock<ITeamsMessenger>(MockBehavior.Strict);
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>())).ReturnsAsync(delivery ?? new Delivery(DeliveryResult.Delivered));
        return messenger;
    }

    private static ErrorResponseException Throttled(int? retryAfterSeconds)
    {
        var headers = new Dictionary<string, IEnumerable<string>>();
        if (retryAfterSeconds is { } seconds)
        {
            headers["Retry-After"] = [seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        using var message = new HttpResponseMessage((HttpStatusCode)429);
        return new ErrorResponseException("Too many requests") { Response = new Microsoft.Rest.HttpResponseMessageWrapper(message, string.Empty) { } }.WithHeaders(headers);
    }

    private static SupportBot.Dialogs.Questions.QuestionEntry QuestionContentAnswer() => SupportBot.Dialogs.Questions.QuestionContent.Default.Entries[0];

    private static VersionedItem Item(string id, int version) =>
        new(id, ContentKind.ChecklistItem, version, new DateOnly(2026, 11, 28), null, new LocalizedText { Sv = id, En = id }, "evidence", null);
}

internal static class ErrorResponseExceptionExtensions
{
    /// <summary>The wrapper copies headers from the message; Retry-After is set on it after (HttpResponseHeaders types it).</summary>
    public static ErrorResponseException WithHeaders(this ErrorResponseException ex, Dictionary<string, IEnumerable<string>> headers)
    {
        foreach (var (name, values) in headers)
        {
            ex.Response.Headers[name] = values;
        }

        return ex;
    }
}

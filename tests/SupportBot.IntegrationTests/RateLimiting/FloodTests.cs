using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Dialogs.Localization;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.IntegrationTests.Reliability;

namespace SupportBot.IntegrationTests.RateLimiting;

/// <summary>
/// The rate limits over HTTP through the real host on Azurite, with the production defaults (30 turns a minute per
/// person): one person floods, another triages in the same seconds and is answered as usual.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class FloodTests(AzuriteFixture azurite)
{
    private const int FloodMessages = 200;

    private static readonly string[] s_clicks =
    [
        "danger=no", "what=threat", "channel=social-media", "targets=official", "markers=none", "repeated=no",
        "reported=no", "role=yes", "when=yesterday", "reporter-role=security-officer", "wellbeing=worried", "consent=yes",
    ];

    private static readonly Dictionary<string, string?> s_productionLimits = new()
    {
        ["RateLimits:Turns:PermitLimit"] = "30",
        ["RateLimits:Turns:WindowSeconds"] = "60",
        ["RateLimits:Erasure:PermitLimit"] = "3",
        ["RateLimits:AddInformation:PermitLimit"] = "10",
        ["RateLimits:Share:PermitLimit"] = "10",
        ["RateLimits:RefusedActions:PermitLimit"] = "10",
    };

    private static string TooMany => TextCatalog.Default.Get(UserLanguage.Swedish, "limits.tooMany");

    [Fact]
    public async Task TwoHundredMessagesInTenSecondsFromOnePerson_AllAnswered2xxSomeLimited_WhileAnotherPersonTriagesNormally()
    {
        await using var factory = new BotFactory(azurite.ConnectionString, s_productionLimits);
        using var client = factory.CreateClient();
        var flooder = Person("flood");
        var colleague = Person("colleague");
        var floodConversation = "a:flood-" + Guid.NewGuid().ToString("N");
        var triageConversation = "a:calm-" + Guid.NewGuid().ToString("N");

        var statuses = new ConcurrentBag<int>();
        var limited = 0;
        var silent = 0;
        var answered = 0;
        var clock = Stopwatch.StartNew();
        var flood = Task.Run(async () =>
        {
            // 20 messages every second for ten seconds, each batch at once.
            var sends = new List<Task>();
            for (var i = 0; i < FloodMessages; i++)
            {
                if (i > 0 && i % 20 == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(1000 * (i / 20)) - clock.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
                }

                sends.Add(Task.Run(async () =>
                {
                    var (status, replies) = await PostAsync(client, From(TeamsActivities.Message(floodConversation, "hej " + Guid.NewGuid().ToString("N")[..6]), flooder));
                    statuses.Add(status);
                    if (replies.Count == 0)
                    {
                        Interlocked.Increment(ref silent);
                    }
                    else if (replies.Any(r => r!.ToJsonString().Contains(TooManyJson, StringComparison.Ordinal)))
                    {
                        Interlocked.Increment(ref limited);
                    }
                    else
                    {
                        Interlocked.Increment(ref answered);
                    }
                }));
            }

            await Task.WhenAll(sends);
        });

        // The colleague's whole triage in the same seconds.
        var triageReplies = new List<JsonArray>();
        async Task TurnAsync(JsonObject activity)
        {
            var (status, replies) = await PostAsync(client, From(activity, colleague));
            Assert.Equal(200, status);
            triageReplies.Add(replies);
        }

        await Task.Delay(500);
        await TurnAsync(TeamsActivities.Message(triageConversation, "rapportera"));
        foreach (var click in s_clicks)
        {
            await TurnAsync(Click(triageConversation, click.Split('=')[0], click.Split('=')[1]));
        }

        await TurnAsync(Click(triageConversation, "description", string.Empty));
        var triageDone = clock.Elapsed;
        await flood;
        var floodTook = clock.Elapsed;

        var fivexx = statuses.Count(s => s >= 500);
        ReliabilityFigures.Record("flood: messages from one person", FloodMessages);
        ReliabilityFigures.Record("flood: 5xx answers", fivexx, required: 0);
        ReliabilityFigures.Record("flood: non-2xx answers", statuses.Count(s => s is < 200 or >= 300), required: 0);
        ReliabilityFigures.Record("flood: messages refused by the rate limit", limited + silent);
        ReliabilityFigures.Record("flood: rate-limit messages sent", limited);
        ReliabilityFigures.Record("flood: second person's turns answered normally", triageReplies.Count(r => r.Count > 0 && !r.ToJsonString().Contains(TooManyJson, StringComparison.Ordinal)));

        Assert.Equal(FloodMessages, statuses.Count);
        Assert.All(statuses, s => Assert.InRange(s, 200, 299));
        Assert.True(floodTook < TimeSpan.FromSeconds(20), $"the flood took {floodTook}");
        Assert.Equal(30, answered);
        Assert.Equal(1, limited);
        Assert.Equal(FloodMessages - 31, silent);

        // Every one of the colleague's turns was answered, none with the limit, and the triage ended in a case.
        Assert.True(triageDone < floodTook, "the triage ran while the flood was still going");
        Assert.All(triageReplies, r => Assert.NotEmpty(r));
        Assert.DoesNotContain(triageReplies, r => r.ToJsonString().Contains(TooManyJson, StringComparison.Ordinal));
        Assert.Contains("HH-", triageReplies[^1].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedCardActions_PastTheLimit_AnsweredWithACardSayingSo()
    {
        await using var factory = new BotFactory(azurite.ConnectionString, s_productionLimits);
        using var client = factory.CreateClient();
        var stranger = Person("stranger");
        var conversation = "a:forger-" + Guid.NewGuid().ToString("N");
        var cards = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            // Not an adviser: every "Jag tar detta" is refused.
            var (status, body) = await InvokeAsync(client, From(Execute(conversation, "case.take", "exempelby-kommun", "HH-2026-0001"), stranger));
            Assert.Equal(200, status);
            cards.Add(body);
        }

        Assert.All(cards.Take(10), c => Assert.DoesNotContain(TooManyJson, c, StringComparison.Ordinal));
        Assert.All(cards.Skip(10), c => Assert.Contains(TooManyJson, c, StringComparison.Ordinal));
        Assert.All(cards, c => Assert.Contains("application/vnd.microsoft.card.adaptive", c, StringComparison.Ordinal));
        ReliabilityFigures.Record("refused card actions before the limit", 10);
    }

    [Fact]
    public async Task ErasureConfirmation_ClickedTwice_ErasesOnceAndTheReplayIsRefused()
    {
        await using var factory = new BotFactory(azurite.ConnectionString, s_productionLimits);
        using var client = factory.CreateClient();
        var person = Person("eraser");
        var conversation = "a:erase-twice-" + Guid.NewGuid().ToString("N");
        var (_, confirmation) = await PostAsync(client, From(TeamsActivities.Message(conversation, "radera mina uppgifter"), person));
        var token = FindToken(confirmation.ToJsonString());

        var (first, done) = await PostAsync(client, From(Submit(conversation, "erase.confirm", token), person));
        var (second, replay) = await PostAsync(client, From(Submit(conversation, "erase.confirm", token), person));

        Assert.Equal((200, 200), (first, second));
        Assert.DoesNotContain(Json(TextCatalog.Default.Get(UserLanguage.Swedish, "limits.erasureUsed")), done.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Json(TextCatalog.Default.Get(UserLanguage.Swedish, "limits.erasureUsed")), replay.ToJsonString(), StringComparison.Ordinal);
    }

    private static string TooManyJson => Json(TooMany);

    /// <summary>How a text appears inside serialised JSON (quotes and non-ASCII escaped the same way).</summary>
    private static string Json(string text) => JsonValue.Create(text).ToJsonString()[1..^1];

    private static string FindToken(string json)
    {
        var at = json.IndexOf("\"erase.confirm\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "the confirmation card has the confirm button");
        var valueAt = json.IndexOf("\"value\":\"", at, StringComparison.Ordinal) + "\"value\":\"".Length;
        return json[valueAt..json.IndexOf('"', valueAt)];
    }

    private static JsonObject Person(string name) => new()
    {
        ["id"] = "29:" + name + "-" + Guid.NewGuid().ToString("N")[..8],
        ["name"] = "Testperson",
        ["aadObjectId"] = Guid.NewGuid().ToString(),
    };

    private static JsonObject From(JsonObject activity, JsonObject person)
    {
        activity["from"] = person.DeepClone();
        return activity;
    }

    private static JsonObject Click(string conversation, string step, string value)
    {
        var activity = TeamsActivities.Message(conversation, string.Empty);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = "answer", ["step"] = step, ["value"] = value };
        return activity;
    }

    private static JsonObject Submit(string conversation, string verb, string value)
    {
        var activity = TeamsActivities.Message(conversation, string.Empty);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = verb, ["value"] = value };
        return activity;
    }

    private static JsonObject Execute(string conversation, string verb, string org, string caseNumber)
    {
        var activity = TeamsActivities.Message(conversation, string.Empty);
        activity.Remove("text");
        activity.Remove("deliveryMode");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["org"] = org, ["case"] = caseNumber, ["version"] = 1 } },
            ["trigger"] = "manual",
        };
        return activity;
    }

    private static async Task<(int Status, JsonArray Replies)> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        var body = await response.Content.ReadAsStringAsync();
        var replies = response.StatusCode == HttpStatusCode.OK && body.Length > 0 && JsonNode.Parse(body)?["activities"] is JsonArray array ? array : [];
        return ((int)response.StatusCode, replies);
    }

    private static async Task<(int Status, string Body)> InvokeAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        var body = await response.Content.ReadAsStringAsync();

        // Re-serialised, so that text compares the same way as in message replies (non-ASCII escaped).
        return ((int)response.StatusCode, body.Length > 0 ? JsonNode.Parse(body)!.ToJsonString() : body);
    }
}

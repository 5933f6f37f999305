using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>
/// A whole triage over HTTP against the real host and Azurite, counting Table Storage requests per turn on the
/// wire: each question turn costs one state read and one state write; the last turn also saves the case.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class TriageOverHttpTests(AzuriteFixture azurite)
{
    private static readonly string[] s_clicks =
    [
        "danger=no", "what=threat", "channel=social-media", "targets=official", "markers=none", "repeated=no",
        "reported=no", "role=yes", "when=yesterday",
    ];

    [Fact]
    public async Task Triage_ByClicks_EveryQuestionTurnCostsOneStateReadAndOneWrite()
    {
        var counter = new RequestCounter();
        await using var factory = CountingBot(counter);
        using var client = factory.CreateClient();
        var conversation = "a:triage-" + Guid.NewGuid().ToString("N");
        await PostAsync(client, TeamsActivities.Message("a:warmup-" + Guid.NewGuid().ToString("N"), "hej"));

        var turns = new List<IReadOnlyList<string>>();
        async Task<JsonNode> TurnAsync(JsonObject activity)
        {
            counter.Reset();
            var reply = await PostAsync(client, activity);
            turns.Add(counter.Requests);
            return reply;
        }

        var guidance = await TriageAsync(TurnAsync, conversation);

        var card = guidance["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("HH-", card, StringComparison.Ordinal);
        Assert.Contains("Vid akut fara: ring 112", card, StringComparison.Ordinal);
        Assert.Equal(1 + s_clicks.Length + 4, turns.Count);
        foreach (var turn in turns)
        {
            var state = turn.Where(r => r.Contains("/" + BotFactory.StateTable, StringComparison.Ordinal)).ToList();
            Assert.Equal(1, state.Count(r => r.StartsWith("GET ", StringComparison.Ordinal)));
            Assert.Equal(1, state.Count(r => !r.StartsWith("GET ", StringComparison.Ordinal)));
        }

        // The first turn also stores how to reach the person; question turns touch nothing else; the last one
        // also saves the case exactly once.
        Assert.Single(turns[0], r => r.Contains("/ConversationReferences", StringComparison.Ordinal) && !r.StartsWith("GET ", StringComparison.Ordinal));
        // (The background services poll their tables on the same client: RequestCounter.IsBackground; not a turn's cost.)
        // A question turn claims nothing: its activity id is saved in the state with its changes (the state's ETag
        // decides between two copies). Only the case-saving turn claims its activity before it saves the case.
        Assert.All(turns.SkipLast(1), turn => Assert.DoesNotContain(turn, r => r.EndsWith("/ProcessedActivities", StringComparison.Ordinal)));
        Assert.Single(turns[^1], r => r.StartsWith("POST ", StringComparison.Ordinal) && r.EndsWith("/ProcessedActivities", StringComparison.Ordinal));
        Assert.All(turns.Skip(1).SkipLast(1), turn => Assert.Equal(2, turn.Count(r => !RequestCounter.IsBackground(r))));
        Assert.Single(turns[^1], r => r.StartsWith("POST ", StringComparison.Ordinal) && r.EndsWith("/Incidents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EscalateAndTake_RightAfterTheGuidance_ReadOnlyWhatTheTurnLacksAndActOnce()
    {
        const string adviserAad = "00000000-0000-4000-8000-0000000000f1";
        var counter = new RequestCounter();
        await using var factory = CountingBot(counter, new Dictionary<string, string?>
        {
            ["Support:Advisers:0:AadObjectId"] = adviserAad,
            ["Support:Advisers:0:TenantId"] = TeamsActivities.TenantId,
        });
        using var client = factory.CreateClient();
        var conversation = "a:escalate-" + Guid.NewGuid().ToString("N");
        var guidance = await TriageAsync(activity => PostAsync(client, activity), conversation);
        var caseNumber = System.Text.RegularExpressions.Regex.Match(guidance.ToJsonString(), @"HH-\d{4}(?:-\d{4})?-\d{4,}").Value;
        Assert.NotEmpty(caseNumber);

        // The guidance card's "ask SKR's advisers": the case is in the state the triage left, so it is not read again;
        // the claim alone guards the escalation, and a turn that changes nothing else in the state writes none.
        var escalate = TeamsActivities.Message(conversation, string.Empty);
        escalate.Remove("text");
        escalate["value"] = new JsonObject { ["verb"] = "escalate", ["value"] = caseNumber };
        counter.Reset();
        var sent = await PostAsync(client, escalate);
        Assert.Contains(caseNumber, sent.ToJsonString(), StringComparison.Ordinal);
        var requests = counter.Requests.Where(r => !RequestCounter.IsBackground(r)).ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests, r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("/" + BotFactory.StateTable, StringComparison.Ordinal));
        Assert.Single(requests, r => r.StartsWith("POST ", StringComparison.Ordinal) && r.EndsWith("/ProcessedActivities", StringComparison.Ordinal));
        Assert.Single(requests, r => r.StartsWith("POST ", StringComparison.Ordinal) && r.EndsWith("/$batch", StringComparison.Ordinal));

        // The same delivery again (Teams retrying): no second escalation, no second message.
        var saved = await factory.Services.GetRequiredService<SupportBot.Dialogs.Triage.ICaseStore>().GetForReporterAsync("00000000-0000-4000-8000-000000000001", caseNumber, CancellationToken.None);
        var escalations = factory.Services.GetRequiredService<SupportBot.Dialogs.Escalation.IEscalationStore>();
        var before = await escalations.GetAsync(saved!.OrganisationKey, caseNumber, CancellationToken.None);
        Assert.NotNull(before);
        using (var again = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(escalate)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var replies = JsonNode.Parse(await again.Content.ReadAsStringAsync())?["activities"]?.AsArray();
            Assert.True(replies is null || replies.Count == 0);
        }

        var after = await escalations.GetAsync(saved.OrganisationKey, caseNumber, CancellationToken.None);
        Assert.Equal(before!.ETag, after!.ETag);

        // The adviser's "Jag tar detta" from a card shown in English: answered in English from the card and the case,
        // without reading the adviser's conversation state.
        var take = TeamsActivities.Message("a:adviser-" + Guid.NewGuid().ToString("N"), string.Empty);
        take.Remove("text");
        take.Remove("textFormat");
        take.Remove("deliveryMode");
        take["type"] = "invoke";
        take["name"] = "adaptiveCard/action";
        take["from"] = new JsonObject { ["id"] = "29:" + adviserAad, ["name"] = "Greta Berg", ["aadObjectId"] = adviserAad };
        take["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "case.take",
                ["data"] = new JsonObject { ["org"] = before.OrganisationKey, ["case"] = caseNumber, ["version"] = before.Version, ["lang"] = "en" },
            },
            ["trigger"] = "manual",
        };
        counter.Reset();
        using var taken = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(take));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var card = await taken.Content.ReadAsStringAsync();
        Assert.Contains("Taken by Greta Berg", card, StringComparison.Ordinal);
        Assert.DoesNotContain(counter.Requests, r => r.Contains("/" + BotFactory.StateTable, StringComparison.Ordinal));
    }

    /// <summary>The real host on Azurite, every Table request of its one client counted (the start-up sweep left out).</summary>
    private WebApplicationFactory<Program> CountingBot(RequestCounter counter, IDictionary<string, string?>? settings = null) =>
        new BotFactory(azurite.ConnectionString, settings).WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => RequestCounter.WithoutStartUpSweep(services).AddSingleton(_ =>
            {
                var options = TableClients.DefaultOptions();
                options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
                return new TableServiceClient(azurite.ConnectionString, options);
            })));

    /// <summary>"rapportera", every answer clicked, the description skipped: the guidance card.</summary>
    private static async Task<JsonNode> TriageAsync(Func<JsonObject, Task<JsonNode>> turn, string conversation)
    {
        await turn(TeamsActivities.Message(conversation, "rapportera"));
        foreach (var click in s_clicks)
        {
            await turn(Click(conversation, click.Split('=')[0], click.Split('=')[1]));
        }

        await turn(Click(conversation, "reporter-role", "security-officer"));
        await turn(Click(conversation, "wellbeing", "worried"));
        await turn(Click(conversation, "consent", "yes"));
        return await turn(Click(conversation, "description", string.Empty));
    }

    private static JsonObject Click(string conversation, string step, string value)
    {
        var activity = TeamsActivities.Message(conversation, string.Empty);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = "answer", ["step"] = step, ["value"] = value };
        return activity;
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        return Assert.Single(replies)!;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
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
        await using var factory = new BotFactory(azurite.ConnectionString).WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => RequestCounter.WithoutStartUpSweep(services).AddSingleton(_ =>
            {
                var options = TableClients.DefaultOptions();
                options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
                return new TableServiceClient(azurite.ConnectionString, options);
            })));
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

        await TurnAsync(TeamsActivities.Message(conversation, "rapportera"));
        foreach (var click in s_clicks)
        {
            var (step, value) = (click.Split('=')[0], click.Split('=')[1]);
            await TurnAsync(Click(conversation, step, value));
        }

        await TurnAsync(Click(conversation, "reporter-role", "security-officer"));
        await TurnAsync(Click(conversation, "wellbeing", "worried"));
        await TurnAsync(Click(conversation, "consent", "yes"));
        var guidance = await TurnAsync(Click(conversation, "description", string.Empty));

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

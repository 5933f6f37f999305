using System.Net;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>One turn's state costs one read and at most one write against Table Storage, counted on the wire.</summary>
[Collection(HostingOnAzurite.Name)]
public sealed class StateRoundTripTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Turn_MessageInNewAndKnownConversation_CostsOneStateReadAndOneStateWriteWithoutAClaim()
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
        var conversation = "a:trips-" + Guid.NewGuid().ToString("N");

        // Warm-up: the state table is created lazily once per process.
        await PostAsync(client, TeamsActivities.Message("a:warmup-" + Guid.NewGuid().ToString("N"), "hej"));

        counter.Reset();
        await PostAsync(client, TeamsActivities.Message(conversation, "hej"));
        var firstTurn = counter.Requests;

        counter.Reset();
        await PostAsync(client, TeamsActivities.Message(conversation, "hjälp"));
        var secondTurn = counter.Requests;

        foreach (var turn in new[] { firstTurn, secondTurn })
        {
            var state = turn.Where(r => r.Contains("/" + BotFactory.StateTable, StringComparison.Ordinal)).ToList();
            Assert.Equal(1, state.Count(m => m.StartsWith("GET ", StringComparison.Ordinal)));
            Assert.Equal(1, state.Count(m => !m.StartsWith("GET ", StringComparison.Ordinal)));
        }

        // The first turn of a personal chat also stores how to reach the person (and only then: the reference has not
        // changed); later turns touch only the state. The activity id is kept in the state itself, so a retried delivery
        // is still not processed twice without a claim of its own.
        Assert.Single(firstTurn, r => r.Contains("/ConversationReferences", StringComparison.Ordinal) && !r.StartsWith("GET ", StringComparison.Ordinal));
        Assert.DoesNotContain(firstTurn.Concat(secondTurn), r => r.EndsWith("/ProcessedActivities", StringComparison.Ordinal));
        // The background services poll their tables on the same client; that is not the turn's cost.
        Assert.Equal(2, secondTurn.Count(r => !RequestCounter.IsBackground(r)));
    }

    private static async Task PostAsync(HttpClient client, System.Text.Json.Nodes.JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

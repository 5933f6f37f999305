using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>What the host does while Table Storage is away (own Azurite: this test stops it).</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Healthz_StorageStoppedThenStarted_ReportsUnhealthyThenHealthy()
    {
        // Probe on every call (the 30 s cache would hide the change for that long).
        await using var factory = new BotFactory(_azurite.ConnectionString, new Dictionary<string, string?> { ["Health:ProbeCacheSeconds"] = "0" });
        using var client = factory.CreateClient();

        await _azurite.StopAsync();
        using (var down = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("Unhealthy", await down.Content.ReadAsStringAsync());
        }

        await _azurite.StartAgainAsync();
        using var up = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }

    [Fact]
    public async Task PostMessage_StorageStopped_ApologisesWith112AndNo500()
    {
        await using var factory = new BotFactory(_azurite.ConnectionString);
        using var client = factory.CreateClient();
        await _azurite.StopAsync();

        var activity = TeamsActivities.Message("a:outage-" + Guid.NewGuid().ToString("N"), "hjälp");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        var apology = Assert.Single(replies)!["text"]!.GetValue<string>();
        Assert.StartsWith("Jag kan inte nå min lagring", apology, StringComparison.Ordinal);
        Assert.Contains("112", apology, StringComparison.Ordinal);
        Assert.Contains("08-452 70 00", apology, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", apology, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCardAction_StorageStopped_AnswersTheInvokeWithAnApologyAndNo500()
    {
        await using var factory = new BotFactory(_azurite.ConnectionString);
        using var client = factory.CreateClient();
        await _azurite.StopAsync();

        var activity = TeamsActivities.Message("a:outage-" + Guid.NewGuid().ToString("N"), string.Empty);
        activity.Remove("text");
        activity.Remove("deliveryMode");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "case.take",
                ["data"] = new JsonObject { ["org"] = "exempelby-kommun", ["case"] = "HH-2026-0001", ["version"] = 1 },
            },
        };
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));

        // The card action gets its answer in the HTTP response: an error body Teams shows next to the card.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        var message = body["value"]!["message"]!.GetValue<string>();
        Assert.StartsWith("Jag kan inte nå min lagring", message, StringComparison.Ordinal);
        Assert.Contains("112", message, StringComparison.Ordinal);
    }
}

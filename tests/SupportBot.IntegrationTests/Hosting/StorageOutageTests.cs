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
        await using var factory = new BotFactory(_azurite.ConnectionString);
        using var client = factory.CreateClient();

        await _azurite.StopAsync();
        using (var down = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("Unhealthy", JsonNode.Parse(await down.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
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
        Assert.StartsWith("Förlåt", apology, StringComparison.Ordinal);
        Assert.Contains("112", apology, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", apology, StringComparison.Ordinal);
    }
}

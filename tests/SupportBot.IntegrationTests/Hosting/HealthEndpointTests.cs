using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>/healthz says one word to anyone and probes storage at most every 30 s; /healthz/details needs the key.</summary>
[Collection(HostingOnAzurite.Name)]
public sealed class HealthEndpointTests(AzuriteFixture azurite)
{
    private const string Key = "details-key-for-tests-0123456789";

    [Fact]
    public async Task Healthz_Anonymous_SaysOnlyHealthyAndProbesStorageOncePerCacheWindow()
    {
        var counter = new RequestCounter();
        await using var factory = new BotFactory(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["MicrosoftAppPasswordExpiresOn"] = DateTimeOffset.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }).WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton(_ =>
        {
            var options = TableClients.DefaultOptions();
            options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
            return new TableServiceClient(azurite.ConnectionString, options);
        })));
        using var client = factory.CreateClient();
        await Task.Delay(500); // background senders' first polls
        counter.Reset();

        var bodies = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        // Degraded (the secret expires in 10 days) still reads "Healthy", with no date or component.
        Assert.All(bodies, b => Assert.Equal("Healthy", b));
        Assert.Single(counter.Requests, r => r.Contains("/Tables", StringComparison.Ordinal) && r.StartsWith("GET ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("wrong-key", HttpStatusCode.NotFound)]
    [InlineData(Key, HttpStatusCode.OK)]
    public async Task HealthzDetails_FromElsewhere_OnlyWithTheKey(string? key, HttpStatusCode expected)
    {
        await using var factory = new BotFactory(azurite.ConnectionString, new Dictionary<string, string?> { ["Health:DetailsKey"] = Key });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz/details", UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("X-Health-Key", key);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("Healthy", body["checks"]!["table-storage"]!["status"]!.GetValue<string>());
        }
    }
}

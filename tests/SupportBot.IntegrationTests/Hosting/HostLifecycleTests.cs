using System.Net;
using System.Text.Json.Nodes;
using SupportBot.IntegrationTests.Reliability;
using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>Start-up rules, authentication and persistence across host instances.</summary>
[Collection(HostingOnAzurite.Name)]
public sealed class HostLifecycleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PostMessage_AppIdConfiguredAndNoAuthorizationHeader_Gets401()
    {
        await using var factory = new BotFactory(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-4000-8000-0000000000a1",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppTenantId"] = TeamsActivities.TenantId,
        });
        using var client = factory.CreateClient();

        var activity = TeamsActivities.Message("a:auth-" + Guid.NewGuid().ToString("N"), "hjälp");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        ReliabilityFigures.Record("requests without a token accepted", 0, required: 0);
    }

    [Fact]
    public async Task PostMessage_AppIdConfiguredAndForgedBearerToken_Gets401()
    {
        await using var factory = new BotFactory(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-4000-8000-0000000000a1",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppTenantId"] = TeamsActivities.TenantId,
        });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = TeamsActivities.Json(TeamsActivities.Message("a:auth-" + Guid.NewGuid().ToString("N"), "hjälp")),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a.jwt");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        ReliabilityFigures.Record("requests with a forged token accepted", 0, required: 0);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public async Task Start_AnyEnvironmentButDevelopmentWithoutCredentials_ExitsWithOneLineReason(string environment)
    {
        // The real process, as App Service would start it: the host must refuse before listening.
        var bot = Path.Combine(AppContext.BaseDirectory, "SupportBot.Bot.dll");
        await using var process = ChildProcess.Start(
            "dotnet",
            [bot, "--urls", "http://127.0.0.1:" + FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)],
            AppContext.BaseDirectory,
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = environment, ["Storage__ConnectionString"] = azurite.ConnectionString });

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var reason = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("SupportBot did not start", StringComparison.Ordinal));
        Assert.Contains("MicrosoftAppId", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoAppIdOutsideProduction_SaysInItsStartupLogThatRequestsAreNotAuthenticated()
    {
        await using var bot = await BotProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "SupportBot.Bot.dll"),
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Storage__ConnectionString"] = azurite.ConnectionString });

        Assert.Contains("Local anonymous mode: no MicrosoftAppId is configured, so requests to /api/messages are not authenticated", bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turn_StateWrittenByOneHost_IsReadByANewHostOnTheSameStorage()
    {
        var conversation = "a:persist-" + Guid.NewGuid().ToString("N");

        await using (var first = new BotFactory(azurite.ConnectionString))
        {
            using var client = first.CreateClient();
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(TeamsActivities.MembersAdded(conversation)));
            var replies = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
            Assert.Single(replies);
        }

        await using var second = new BotFactory(azurite.ConnectionString);
        using var secondClient = second.CreateClient();
        using var again = await secondClient.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(TeamsActivities.MembersAdded(conversation)));
        var secondReplies = JsonNode.Parse(await again.Content.ReadAsStringAsync())!["activities"]!.AsArray();

        // The new host knows the welcome was already shown: the state came from Table Storage.
        Assert.Empty(secondReplies);
    }
}

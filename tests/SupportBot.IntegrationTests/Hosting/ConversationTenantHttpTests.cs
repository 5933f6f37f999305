using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using SupportBot.Bot.Authentication;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>
/// POST /api/messages hands the activity to the SDK adapter inside the conversation's tenant scope, because the SDK
/// requests the turn's token before any middleware of ours runs.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class ConversationTenantHttpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PostMessage_TeamsActivity_AdapterRunsInsideTheConversationsTenant()
    {
        string? seen = "(not called)";
        var adapter = new Mock<IBotFrameworkHttpAdapter>();
        adapter.Setup(a => a.ProcessAsync(It.IsAny<HttpRequest>(), It.IsAny<HttpResponse>(), It.IsAny<IBot>(), It.IsAny<CancellationToken>()))
            .Callback(() => seen = ConversationTenant.Current)
            .Returns(Task.CompletedTask);
        await using var factory = new BotFactory(azurite.ConnectionString).WithWebHostBuilder(b =>
            b.ConfigureTestServices(services => services.AddSingleton(adapter.Object)));
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            TeamsActivities.Json(TeamsActivities.Message("a:it-" + Guid.NewGuid().ToString("N"), "hjälp")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TeamsActivities.TenantId, seen);
        Assert.Null(ConversationTenant.Current);
    }
}

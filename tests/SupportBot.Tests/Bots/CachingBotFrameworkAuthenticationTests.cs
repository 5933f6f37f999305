using System.Security.Claims;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Moq;
using SupportBot.Bot.Adapter;
using SupportBot.Bot.Authentication;

namespace SupportBot.Tests.Bots;

public sealed class CachingBotFrameworkAuthenticationTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string TenantA = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string TenantB = "bbbbbbbb-0000-0000-0000-000000000002";

    private static ClaimsIdentity Bot() => new([new Claim(AuthenticationConstants.AudienceClaim, "bot-app-id")]);

    [Fact]
    public async Task CreateConnectorFactory_TwoTurnsOfOneTenant_ShareOneConnectorClient()
    {
        var (authentication, created) = Counting();

        var first = await authentication.CreateConnectorFactory(Bot()).CreateAsync(ServiceUrl, null!, CancellationToken.None);
        first.Dispose();
        var second = await authentication.CreateConnectorFactory(Bot()).CreateAsync(ServiceUrl, null!, CancellationToken.None);

        Assert.Single(created);
        Assert.Same(created[0], Assert.IsType<SharedConnectorClient>(second).Shared);
        Mock.Get(created[0]).Verify(c => c.Dispose(), Times.Never);
    }

    [Fact]
    public async Task CreateConnectorFactory_OtherTenantOrServiceUrl_GetsItsOwnClient()
    {
        var (authentication, created) = Counting();

        using (ConversationTenant.Use(TenantA))
        {
            await authentication.CreateConnectorFactory(Bot()).CreateAsync(ServiceUrl, null!, CancellationToken.None);
        }

        using (ConversationTenant.Use(TenantB))
        {
            await authentication.CreateConnectorFactory(Bot()).CreateAsync(ServiceUrl, null!, CancellationToken.None);
            await authentication.CreateConnectorFactory(Bot()).CreateAsync("https://smba.trafficmanager.net/amer/", null!, CancellationToken.None);
            await authentication.CreateConnectorFactory(Bot()).CreateAsync(ServiceUrl, null!, CancellationToken.None);
        }

        Assert.Equal(3, created.Count);
    }

    [Fact]
    public async Task AuthenticateRequestAsync_TheRequestsConnectorFactory_SharesClientsToo()
    {
        var (authentication, created) = Counting();

        for (var turn = 0; turn < 3; turn++)
        {
            var result = await authentication.AuthenticateRequestAsync(new Activity { ServiceUrl = ServiceUrl }, "Bearer x", CancellationToken.None);
            using var client = await result.ConnectorFactory.CreateAsync(ServiceUrl, result.Audience, CancellationToken.None);
        }

        Assert.Single(created);
    }

    [Fact]
    public async Task CreateConnectorFactory_CacheFull_ClientsArePerTurnAgainAndTheSdkDisposesThem()
    {
        var cache = new ConnectorClientCache();
        for (var i = 0; i < ConnectorClientCache.MaxEntries; i++)
        {
            await cache.ConnectorAsync("filler" + i, () => Task.FromResult(Mock.Of<IConnectorClient>()));
        }

        var fresh = Mock.Of<IConnectorClient>();
        var client = await cache.ConnectorAsync("one more", () => Task.FromResult(fresh));

        Assert.Same(fresh, client);
        Assert.Equal(ConnectorClientCache.MaxEntries, cache.Count);
    }

    [Fact]
    public async Task CreateUserTokenClientAsync_TwoTurnsOfOneTenant_ShareOneClient()
    {
        var inner = new Mock<BotFrameworkAuthentication>();
        var created = 0;
        inner.Setup(a => a.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                created++;
                return new Mock<UserTokenClient>().Object;
            });
        var authentication = new CachingBotFrameworkAuthentication(inner.Object, new ConnectorClientCache());

        using (await authentication.CreateUserTokenClientAsync(Bot(), CancellationToken.None))
        {
        }

        var second = await authentication.CreateUserTokenClientAsync(Bot(), CancellationToken.None);
        using (ConversationTenant.Use(TenantA))
        {
            await authentication.CreateUserTokenClientAsync(Bot(), CancellationToken.None);
        }

        Assert.IsType<SharedUserTokenClient>(second);
        Assert.Equal(2, created);
    }

    [Fact]
    public async Task TheSdksOwnConnectorClient_DisposedByATurn_StaysOpenForTheNext()
    {
        // The real SDK composition in local anonymous mode, as the bot runs it there.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppType"] = string.Empty }).Build();
        var authentication = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(configuration), new ConnectorClientCache());
        var claims = new ClaimsIdentity();

        var first = await authentication.CreateConnectorFactory(claims).CreateAsync(ServiceUrl, null!, CancellationToken.None);
        first.Dispose();
        var second = await authentication.CreateConnectorFactory(claims).CreateAsync(ServiceUrl, null!, CancellationToken.None);

        var shared = Assert.IsType<ConnectorClient>(Assert.IsType<SharedConnectorClient>(second).Shared);
        Assert.Same(shared, ((SharedConnectorClient)first).Shared);
        Assert.NotNull(shared.HttpClient);
        Assert.Equal(new Uri(ServiceUrl), second.BaseUri);
    }

    private static (CachingBotFrameworkAuthentication Authentication, List<IConnectorClient> Created) Counting()
    {
        var created = new List<IConnectorClient>();
        var factory = new Mock<ConnectorFactory>();
        factory.Setup(f => f.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                var client = new Mock<IConnectorClient>().Object;
                created.Add(client);
                return client;
            });
        var inner = new Mock<BotFrameworkAuthentication>();
        inner.Setup(a => a.CreateConnectorFactory(It.IsAny<ClaimsIdentity>())).Returns(factory.Object);
        inner.Setup(a => a.AuthenticateRequestAsync(It.IsAny<Activity>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new AuthenticateRequestResult { ClaimsIdentity = Bot(), ConnectorFactory = factory.Object });
        return (new CachingBotFrameworkAuthentication(inner.Object, new ConnectorClientCache()), created);
    }
}

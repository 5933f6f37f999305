using Microsoft.Extensions.Hosting;
using Moq;
using SupportBot.Bot.Endpoints;
using SupportBot.Bot.Options;

namespace SupportBot.Tests.Endpoints;

/// <summary>Which service URLs the bot answers: Teams' connector hosts over https; the Playground on loopback only in Development.</summary>
public sealed class ServiceUrlPolicyTests
{
    private static ServiceUrlPolicy Policy(string environment)
    {
        var env = new Mock<IHostEnvironment>();
        env.SetupGet(e => e.EnvironmentName).Returns(environment);
        var teams = new TeamsOptions { AllowedServiceHosts = ["smba.trafficmanager.net", "*.botframework.com"] };
        return new ServiceUrlPolicy(Microsoft.Extensions.Options.Options.Create(teams), env.Object);
    }

    [Theory]
    [InlineData("Production", "https://smba.trafficmanager.net/emea/", true)]
    [InlineData("Production", "https://SMBA.trafficmanager.net/amer/", true)]
    [InlineData("Production", "https://europe.webchat.botframework.com/", true)]
    [InlineData("Production", "http://smba.trafficmanager.net/emea/", false)]
    [InlineData("Production", "https://botframework.com.evil.example/", false)]
    [InlineData("Production", "https://evilbotframework.com/", false)]
    [InlineData("Production", "https://smba.trafficmanager.net.evil.example/", false)]
    [InlineData("Production", "https://user@smba.trafficmanager.net/", false)]
    [InlineData("Production", "http://localhost:56150/_connector", false)]
    [InlineData("Production", "http://127.0.0.1:56150/_connector", false)]
    [InlineData("Production", "not a url", false)]
    [InlineData("Production", "", false)]
    [InlineData("Development", "http://localhost:56150/_connector", true)]
    [InlineData("Development", "http://127.0.0.1:56150/_connector", true)]
    [InlineData("Development", "http://[::1]:56150/_connector", true)]
    [InlineData("Development", "http://10.0.0.5:56150/_connector", false)]
    [InlineData("Development", "file:///etc/passwd", false)]
    [InlineData("Staging", "http://localhost:56150/_connector", false)]
    public void IsAllowed_ServiceUrl_OnlyTeamsHostsAndLoopbackInDevelopment(string environment, string serviceUrl, bool expected) =>
        Assert.Equal(expected, Policy(environment).IsAllowed(serviceUrl));
}

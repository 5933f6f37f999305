using SupportBot.EndToEndTests.Harness;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

public sealed class WelcomeScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    [Fact]
    public Task PersonalChat_NewUser_GetsSwedishWelcomeCardThatStartsWith112() => RunAsync(async () =>
    {
        // Someone who never talked to the bot opens its personal chat.
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();

        var welcome = await chat.WaitForBotMessageAsync(containing: "Vid akut fara: ring 112");

        Assert.Equal("Vid akut fara: ring 112", welcome.FirstLine);
        Assert.Contains("Stöd vid hot, hat och våld mot förtroendevalda", welcome.CardLines);
        await karin.ScreenshotAsync("welcome-sv");
    });
}

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
        await karin.ScreenshotAsync("welcome-sv", showing: welcome);
    });

    // Opening a personal chat sends installationUpdate and conversationUpdate at the same moment; only one may greet.
    [Fact]
    public Task PersonalChat_NewUser_GetsExactlyOneWelcomeCard() => RunAsync(async () =>
    {
        var maria = await SignInAsync(People.Manager, freshConversations: true);
        var chat = await maria.OpenPersonalChatAsync();

        await chat.WaitForBotMessageAsync(containing: "112");
        await chat.WaitUntilQuietAsync();

        Assert.Single(await chat.BotMessagesAsync());
    });
}

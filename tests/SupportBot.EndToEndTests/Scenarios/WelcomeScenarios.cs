using SupportBot.EndToEndTests.Harness;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

public sealed class WelcomeScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    // The Playground sends installationUpdate (with its en-US locale) and conversationUpdate (no locale) at the same
    // moment. The welcome is Swedish when conversationUpdate is handled first, else in the installation's language;
    // either way 112 leads and the person's later answers follow the same language (TalkScenarios).
    [Fact]
    public Task PersonalChat_NewUser_GetsWelcomeCardThatStartsWith112() => RunAsync(async () =>
    {
        // Someone who never talked to the bot opens its personal chat.
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();

        var welcome = await chat.WaitForBotMessageAsync(containing: "112");

        var swedish = welcome.FirstLine.StartsWith("Vid akut fara", StringComparison.Ordinal);
        Assert.Equal(swedish ? "Vid akut fara: ring 112" : "In immediate danger: call 112", welcome.FirstLine);
        Assert.Contains(swedish ? "Stöd vid hot, hat och våld mot förtroendevalda" : "Support with threats, hate and violence against elected officials", welcome.CardLines);
        await karin.ScreenshotAsync(swedish ? "welcome-sv" : "welcome-en", showing: welcome);
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

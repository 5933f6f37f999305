using SupportBot.EndToEndTests.Harness;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

public sealed class HelpScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    [Fact]
    public Task Help_FromEnglishLocaleUser_AnswersInEnglish() => RunAsync(async () =>
    {
        // The Playground sends every typed message with locale "en-US" (fixed in its server, whatever the
        // browser's language), so whoever types in it is an English-locale user.
        var karin = await SignInAsync(People.Staff);
        var chat = await karin.OpenPersonalChatAsync();

        var reply = await chat.SendAsync("help");

        Assert.Equal("In immediate danger: call 112", reply.FirstLine);
        Assert.Contains("This is what I can help with", reply.CardLines);
        Assert.False(reply.Shows("I did not understand"), reply.Text);
        await karin.ScreenshotAsync("help-en");
    });

    [Fact]
    public Task Message_NotACommand_ExplainsAndShowsHelp() => RunAsync(async () =>
    {
        var maria = await SignInAsync(People.Manager);
        var chat = await maria.OpenPersonalChatAsync();

        var reply = await chat.SendAsync("what is the weather like?");

        Assert.Equal("In immediate danger: call 112", reply.FirstLine);
        Assert.Contains("I did not understand that. This is what you can type:", reply.CardLines);
        Assert.Contains("This is what I can help with", reply.CardLines);
    });
}

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

        // A question the content cannot answer: said honestly, with the report button and SKR's advisers.
        Assert.Equal("In immediate danger: call 112", reply.FirstLine);
        Assert.Contains("I found no sure answer to that in my content. Please report the incident, or take it to SKR's advisers.", reply.CardLines);
        Assert.DoesNotContain("This is what I can help with", reply.CardLines);
        Assert.Equal("Report", reply.Buttons[0]);
        await maria.ScreenshotAsync("question-no-answer-en", showing: reply);
    });
}

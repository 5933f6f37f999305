using SupportBot.EndToEndTests.Harness;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>In group chats and channels the bot hears only messages that @mention it, as in Teams.</summary>
public sealed class GroupAndChannelScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    [Fact]
    public Task GroupChat_BotMentionedWithHelp_AnswersWithHelpCard() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff);
        var chat = await karin.OpenGroupChatAsync();

        var reply = await chat.MentionBotAsync("help");

        Assert.Equal("In immediate danger: call 112", reply.FirstLine);
        Assert.Contains("This is what I can help with", reply.CardLines);
        Assert.False(reply.Shows("I did not understand"), reply.Text);
        await karin.ScreenshotAsync("group-chat-help");
    });

    [Fact]
    public Task Channel_BotMentionedWithHelp_RepliesInThread() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff);
        var channel = await karin.OpenChannelAsync();

        var reply = await channel.MentionBotAsync("help");

        Assert.Equal("In immediate danger: call 112", reply.FirstLine);
        Assert.Contains("This is what I can help with", reply.CardLines);
        Assert.False(reply.Shows("I did not understand"), reply.Text);
        await karin.ScreenshotAsync("channel-help");
    });
}

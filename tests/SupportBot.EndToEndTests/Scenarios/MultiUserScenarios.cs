using SupportBot.EndToEndTests.Harness;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>Several people, each on their own Playground (own service URL), talking to the same bot.</summary>
public sealed class MultiUserScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    [Fact]
    public Task TwoPeople_ChatAtTheSameTime_EachSeesOnlyTheirOwnReplies() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff);
        var jonas = await SignInAsync(People.Adviser);
        var karinsChat = await karin.OpenPersonalChatAsync();
        var jonassChat = await jonas.OpenPersonalChatAsync();

        // Both type at once: Karin asks for help, Jonas writes something the bot does not understand.
        var replies = await Task.WhenAll(karinsChat.SendAsync("help"), jonassChat.SendAsync("xyzzy"));

        Assert.False(replies[0].Shows("I did not understand"), replies[0].Text);
        Assert.True(replies[1].Shows("I did not understand"), replies[1].Text);
        // Neither sees the other's reply.
        Assert.DoesNotContain(await karinsChat.BotMessagesAsync(), m => m.Shows("I did not understand"));
        Assert.Single(await jonassChat.BotMessagesAsync(), m => m.Shows("I did not understand"));
    });
}

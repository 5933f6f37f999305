using SupportBot.EndToEndTests.Harness;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>First contact and questions in plain words, as a new user would try them in Teams.</summary>
public sealed class TalkScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    [Fact]
    public Task Hej_FromASwedishUser_GetsASwedishGreetingWithButtons() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.WaitForBotMessageAsync(containing: "112");
        await chat.WaitUntilQuietAsync();

        var greeting = await chat.SendAsync("hej");

        Assert.Equal("Vid akut fara: ring 112", greeting.FirstLine);
        Assert.Contains("Hej! Vad vill du göra? Du kan också skriva en fråga med egna ord.", greeting.CardLines);
        Assert.Equal(["Rapportera", "Checklistor", "Mina ärenden", "Prenumerera", "English"], greeting.Buttons);
        Assert.False(greeting.Shows("förstod inte"), greeting.Text);
        await karin.ScreenshotAsync("greeting-sv", showing: greeting);

        var started = await chat.ClickAsync(greeting, "Rapportera");
        Assert.Contains("Är någon i omedelbar fara just nu?", started.Text, StringComparison.Ordinal);
    });

    [Fact]
    public Task Hello_FromAnEnglishUser_GetsAnEnglishGreetingWithButtons() => RunAsync(async () =>
    {
        var maria = await SignInAsync(People.Manager, freshConversations: true);
        var chat = await maria.OpenPersonalChatAsync();
        await chat.WaitForBotMessageAsync(containing: "112");
        await chat.WaitUntilQuietAsync();

        var greeting = await chat.SendAsync("hello");

        Assert.Equal("In immediate danger: call 112", greeting.FirstLine);
        Assert.Contains("Hi! What would you like to do? You can also type a question in your own words.", greeting.CardLines);
        Assert.Equal(["Report", "Checklists", "My cases", "Subscribe", "Svenska"], greeting.Buttons);
        await maria.ScreenshotAsync("greeting-en", showing: greeting);
    });

    [Fact]
    public Task QuestionInPlainWords_GetsTheAnswerCardWithSourceReportAndChecklist() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.WaitForBotMessageAsync(containing: "112");
        await chat.WaitUntilQuietAsync();
        await chat.SendAsync("hej");

        var answer = await chat.SendAsync("Vad ska jag göra om en politiker hotas på Facebook?");

        Assert.Equal("Vid akut fara: ring 112", answer.FirstLine);
        Assert.Contains("Det här hittade jag", answer.CardLines);
        Assert.True(answer.Shows("skärmdump"), answer.Text);
        Assert.True(answer.Shows("Källa:"), answer.Text);
        Assert.Equal("Rapportera en händelse", answer.Buttons[0]);
        Assert.Contains("Checklista: Sociala medier och näthat", answer.Buttons);
        await karin.ScreenshotAsync("question-answer-sv", showing: answer);
        await karin.ScreenshotWholeAsync("question-answer-sv-whole", answer);
    });
}

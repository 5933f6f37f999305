using SupportBot.EndToEndTests.Harness;
using SupportBot.EndToEndTests.Pages;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>
/// Cards readable on arrival (issue 17): when a card arrives and the Playground has scrolled the chat as it does, the
/// card's top (112, the case number, the urgency, the summary) and its first button are in view, in a 1366×768 window
/// and in a window 400 px wide (a narrow window or a phone). Measured in the browser from the boxes of the card inside
/// the chat pane's scroll container; each card is also saved as a screenshot of what the person sees at that moment.
/// </summary>
public sealed class CardsOnArrivalScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    private readonly ITestOutputHelper _output = output;

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(400, 768)]
    public Task Welcome_TriageQuestion_Guidance_AdviserCard_AndStatus_ShowTopAndFirstButtonOnArrival(int width, int height) => RunAsync(async () =>
    {
        var jonas = await SignInAsync(People.Adviser, freshConversations: true);
        await jonas.ResizeAsync(width, height);
        var jonasChat = await jonas.OpenPersonalChatAsync();
        await jonasChat.SendAsync("svenska");

        var karin = await SignInAsync(People.Staff, freshConversations: true);
        await karin.ResizeAsync(width, height);
        var chat = await karin.OpenPersonalChatAsync();
        var welcome = await chat.WaitForBotMessageAsync(containing: "112");
        await AssertInViewAsync(karin, welcome, $"welcome-{width}");

        await chat.SendAsync("svenska");
        var question = await chat.SendAsync("rapportera");
        Assert.Equal("Fråga 1", question.Progress);
        await AssertInViewAsync(karin, question, $"triage-question-sv-{width}");

        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.TickAndClickAsync(question, ["1. Hot"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["2. Vid hemmet", "5. Brev eller paket"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["1. Den förtroendevalda", "3. Närstående, till exempel barn eller partner"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["2. Avsändaren visar att hen vet var personen bor eller om barnen", "6. Upprepad oönskad kontakt"], "Fortsätt");
        question = await chat.ClickAsync(question, "1. Ja");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.ClickAsync(question, "1. Ja");
        question = await chat.ClickAsync(question, "3. I går");
        question = await chat.ClickAsync(question, "1. Säkerhetsansvarig");
        question = await chat.ClickAsync(question, "2. Rädd eller orolig, sover dåligt");
        question = await chat.ClickAsync(question, "1. Ja, hen vet och är med på det");
        var guidance = await chat.FillInAndClickAsync(question, "Brev hem till ordföranden med hot om att \"hälsa på\".", "Skicka");
        Assert.True(guidance.Shows("HÖG"), guidance.Text);
        await AssertInViewAsync(karin, guidance, $"triage-guidance-sv-{width}");

        var caseNumber = EscalationScenarios.CaseNumber().Match(guidance.Text).Value;
        // With a description, the case goes to the advisers after one confirmation (what they will see).
        var confirm = await chat.ClickAsync(guidance, "Be SKR:s rådgivare om råd");
        await AssertInViewAsync(karin, confirm, $"escalation-confirm-sv-{width}");
        var status = await chat.ClickAsync(confirm, "Skicka till rådgivarna");
        Assert.True(status.Shows(caseNumber), status.Text);
        await AssertInViewAsync(karin, status, $"reporter-case-status-sv-{width}");

        var adviserCard = await jonasChat.WaitForBotMessageAsync($"nytt ärende {caseNumber}");
        await AssertInViewAsync(jonas, adviserCard, $"adviser-new-case-sv-{width}");
        Assert.Equal("Jag tar detta", (await ArrivalView.MeasureAsync(adviserCard)).FirstButton);
    });

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(400, 768)]
    public Task Checklist_AndOverview_ShowTopAndFirstButtonOnArrival(int width, int height) => RunAsync(async () =>
    {
        var maria = await SignInAsync(People.Manager, freshConversations: true);
        await maria.ResizeAsync(width, height);
        var chat = await maria.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");

        var list = await chat.SendAsync("checklista");
        await AssertInViewAsync(maria, list, $"checklists-sv-{width}");

        var checklist = await chat.ClickAsync(list, "Inför offentliga möten");
        await AssertInViewAsync(maria, checklist, $"checklist-public-meetings-sv-{width}");

        var overview = await chat.SendAsync("översikt");
        Assert.True(overview.Shows("Översikt för"), overview.Text);
        await AssertInViewAsync(maria, overview, $"overview-sv-{width}");
    });

    /// <summary>Measures <paramref name="card"/> as it arrived, saves the window as <paramref name="screenshot"/>, and asserts top and first button in view.</summary>
    private async Task AssertInViewAsync(TeamsClient client, BotMessage card, string screenshot)
    {
        Assert.True(card.IsCard, card.Text);
        var view = await ArrivalView.MeasureAsync(card);
        _output.WriteLine($"{screenshot}: {view}");
        await client.ScreenshotAsync("arrival-" + screenshot);
        Assert.True(view.TopInView, $"The top of the card is out of view on arrival ({screenshot}): {view}\n{card.Text}");
        Assert.True(view.FirstButtonInView, $"The card's first button is out of view on arrival ({screenshot}): {view}\n{card.Text}");
    }
}

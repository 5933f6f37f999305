using Azure.Data.Tables;
using SupportBot.EndToEndTests.Harness;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>
/// Follow-up on a HÖG case (issue 21) in the Playground: the follow-up card reaches the reporter's personal chat, she
/// answers it, and the answers are stored on the case. The wait of two office days is the one thing the test shortens:
/// it moves the stored due time to now (the schedule itself is tested with a fake clock in the unit and integration tests).
/// </summary>
public sealed class FollowUpScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    [Fact]
    public Task HogCase_FollowUpCardArrives_ReporterAnswers_AnswersAreStored() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");
        var guidance = await EscalationScenarios.ReportThreatWithMarkersAsync(chat);
        var caseNumber = EscalationScenarios.CaseNumber().Match(guidance.Text).Value;
        Assert.True(caseNumber.Length > 0, guidance.Text);

        // Two office days pass.
        var table = new TableClient(Teams.StorageConnectionString, "FollowUps");
        var row = (await table.GetEntityAsync<TableEntity>(TeamsFixture.DemoOrganisation, caseNumber)).Value;
        Assert.Equal(0, row.GetInt32("Sent"));
        row["NextDueAt"] = DateTimeOffset.UtcNow.AddSeconds(-1);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);

        var card = await chat.WaitForBotMessageAsync($"Uppföljning av ärende {caseNumber}");
        Assert.True(card.Shows("Vid akut fara: ring 112"), card.Text);
        Assert.True(card.Shows("I rapporten: polisanmäld – nej."), card.Text);
        Assert.Equal(["Skicka svar", "Öppna checklistan för efteråt", "Stäng av uppföljning"], card.Buttons);

        // The screenshot first: it resizes the window to fit the card, which draws the card again and clears its inputs.
        await karin.ScreenshotAsync("follow-up-card-sv", showing: card);
        await card.TickAsync("Sämre");
        await card.TickAsync("Nej, inte än");
        await card.FillInAsync("Ett nytt brev kom i morse.");
        var answer = await chat.ClickAsync(card, "Skicka svar");
        Assert.True(answer.Shows($"Tack, svaren är sparade på ärende {caseNumber}."), answer.Text);
        await karin.ScreenshotAsync("follow-up-answered-sv", showing: answer);

        var stored = (await table.GetEntityAsync<TableEntity>(TeamsFixture.DemoOrganisation, caseNumber)).Value;
        Assert.Equal((1, 1), (stored.GetInt32("Sent"), stored.GetInt32("AnswerCount")));
        Assert.Contains("\"wellbeing\":\"worse\"", stored.GetString("Answers"), StringComparison.Ordinal);
        Assert.Contains("\"police\":\"not-contacted\"", stored.GetString("Answers"), StringComparison.Ordinal);
        Assert.Contains("Ett nytt brev kom i morse.", stored.GetString("Answers"), StringComparison.Ordinal);
    });
}

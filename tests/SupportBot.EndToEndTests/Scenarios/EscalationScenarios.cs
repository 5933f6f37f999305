using System.Text.RegularExpressions;
using SupportBot.EndToEndTests.Harness;
using SupportBot.EndToEndTests.Pages;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>
/// Escalation to the advisers (SKR, formerly SKL) (issue 5), with two people on their own Playgrounds: a security officer escalates a
/// case, the adviser it is routed to is notified in Teams, takes it and closes it from the card, and the officer
/// sees each change. The bot runs with people.json's advisers configured (TeamsFixture).
/// </summary>
public sealed partial class EscalationScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    [Fact]
    public Task StaffEscalates_AdviserTakesAndClosesFromTheCard_StaffSeesEachChange() => RunAsync(async () =>
    {
        // Jonas has the app open (so the bot can reach him 1:1) and reads Swedish.
        var jonas = await SignInAsync(People.Adviser, freshConversations: true);
        var jonasChat = await jonas.OpenPersonalChatAsync();
        await jonasChat.SendAsync("svenska");

        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var karinChat = await karin.OpenPersonalChatAsync();
        await karinChat.SendAsync("svenska");
        var guidance = await ReportThreatWithMarkersAsync(karinChat);
        var caseNumber = CaseNumber().Match(guidance.Text).Value;
        Assert.True(caseNumber.Length > 0, guidance.Text);

        var sent = await karinChat.ClickAsync(guidance, "Be SKR:s rådgivare om råd");
        Assert.Contains($"Ärende {caseNumber} är skickat till SKR", sent.CardLines);
        Assert.True(sent.Shows("Jonas Lind"), sent.Text);

        // Jonas gets the case in his chat, addressed to him, with what he can do.
        var card = await jonasChat.WaitForBotMessageAsync($"nytt ärende {caseNumber}");
        Assert.True(card.Shows("Jonas Lind: nytt ärende"), card.Text);
        Assert.True(card.Shows("Status: Nytt"), card.Text);
        Assert.True(card.Shows(TeamsFixture.DemoOrganisationName), card.Text);
        Assert.Equal(["Jag tar detta", "Lämna över till Lena Sjöberg", "Avsluta…", "Visa svaren"], card.Buttons);
        await jonas.ScreenshotAsync("adviser-new-case-sv", showing: card);

        card = await jonasChat.ClickAndWaitForChangeAsync(card, "Jag tar detta", "Status: Taget av Jonas Lind");
        Assert.DoesNotContain("Jag tar detta", card.Buttons);
        Assert.Contains("Avsluta…", card.Buttons);

        // Karin is told once, in one short line; her case card (the one place with the status and the information box)
        // changes in place.
        var taken = await karinChat.WaitForBotMessageAsync($"Jonas Lind har tagit ditt ärende {caseNumber}");
        Assert.False(taken.IsCard, taken.Text);
        sent = await karinChat.WaitForChangeAsync(sent, "Jonas Lind har tagit ditt ärende.");
        Assert.True(sent.Shows("08-452 79 58"), sent.Text);
        await karin.ScreenshotAsync("reporter-case-taken-sv", showing: sent);

        await card.ClickAsync("Avsluta…");
        await card.FillInAsync("Ringde säkerhetsansvarig. Polisanmälan görs i dag; ny kontakt vid behov.");
        card = await jonasChat.ClickAndWaitForChangeAsync(card, "Avsluta ärendet", "Status: Avslutat av Jonas Lind");
        Assert.True(card.Shows("Polisanmälan görs i dag"), card.Text);
        Assert.Equal(["Återöppna", "Visa svaren"], card.Buttons);
        await jonas.ScreenshotAsync("adviser-case-closed-sv", showing: card);

        var closed = await karinChat.WaitForBotMessageAsync($"Jonas Lind har avslutat ditt ärende {caseNumber}");
        Assert.False(closed.IsCard, closed.Text);

        // The card Karin got when she escalated now shows the case closed, with the adviser's note.
        sent = await karinChat.WaitForChangeAsync(sent, "Jonas Lind har avslutat ditt ärende.");
        Assert.True(sent.Shows("Rådgivarens anteckning: Ringde säkerhetsansvarig."), sent.Text);
    });

    [Fact]
    public Task Colleague_ClicksAnAdvisersCaseAction_IsRefusedAndNothingChanges() => RunAsync(async () =>
    {
        var jonas = await SignInAsync(People.Adviser, freshConversations: true);
        var jonasChat = await jonas.OpenPersonalChatAsync();
        await jonasChat.SendAsync("svenska");
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var karinChat = await karin.OpenPersonalChatAsync();
        await karinChat.SendAsync("svenska");
        var guidance = await ReportThreatWithMarkersAsync(karinChat);
        var caseNumber = CaseNumber().Match(guidance.Text).Value;
        await karinChat.ClickAsync(guidance, "Be SKR:s rådgivare om råd");
        var card = await jonasChat.WaitForBotMessageAsync($"nytt ärende {caseNumber}");

        // Karin is no adviser: "mina ärenden" lists her own cases, not the advisers' queue.
        var mine = await karinChat.SendAsync("mina ärenden");
        Assert.Contains("Mina ärenden", mine.CardLines);

        // Jonas's queue has the case, unassigned.
        var queue = await jonasChat.SendAsync("mina ärenden");
        Assert.Contains("Ärenden hos SKR", queue.CardLines);
        Assert.Contains(queue.Buttons, b => b.StartsWith(caseNumber + $" · {TeamsFixture.DemoOrganisationName} · HÖG · Nytt", StringComparison.Ordinal));
        var opened = await jonasChat.ClickAsync(queue, queue.Buttons.First(b => b.StartsWith(caseNumber, StringComparison.Ordinal)));
        Assert.True(opened.Shows("Status: Nytt"), opened.Text);
        Assert.True((await card.ReadAgainAsync()).Shows("Status: Nytt"));
    });

    /// <summary>
    /// A HÖG threat (a letter to the home, knowledge of where the official lives) reported by clicking; returns the
    /// guidance card. In a tenant with several organisations, <paramref name="chooseOrganisation"/> is the one clicked.
    /// </summary>
    internal static async Task<BotMessage> ReportThreatWithMarkersAsync(ChatPage chat, string? chooseOrganisation = null, Func<BotMessage, Task>? onOrganisationQuestion = null)
    {
        var guidance = await ReportThreatAsync(chat, "2. Avsändaren visar att hen vet var personen bor eller om barnen", chooseOrganisation, onOrganisationQuestion);
        Assert.True(guidance.Shows("HÖG"), guidance.Text);
        return guidance;
    }

    /// <summary>
    /// A threat by letter reported by clicking, with <paramref name="marker"/> ticked (routing.json: a threat with a
    /// marker of violence goes to the safety adviser, one without to the adviser for threats, hate and violence).
    /// <paramref name="onOrganisationQuestion"/> sees the organisation question before it is answered.
    /// </summary>
    internal static async Task<BotMessage> ReportThreatAsync(ChatPage chat, string marker, string? chooseOrganisation = null, Func<BotMessage, Task>? onOrganisationQuestion = null)
    {
        var question = await chat.SendAsync("rapportera");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.TickAndClickAsync(question, ["1. Hot"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["5. Brev eller paket"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["1. Den förtroendevalda"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, [marker], "Fortsätt");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.ClickAsync(question, "1. Ja");
        // The organisation is the tenant's: one for Karin's, asked with buttons in a tenant with several.
        question = await chat.ClickAsync(question, "3. I går");
        if (chooseOrganisation is not null)
        {
            Assert.Equal("Vilken kommun eller region gäller det?", question.Question);
            if (onOrganisationQuestion is not null)
            {
                await onOrganisationQuestion(question);
            }

            question = await chat.ClickAsync(question, question.Buttons.Single(b => b.EndsWith(chooseOrganisation, StringComparison.Ordinal)));
        }

        Assert.Equal("Vilken är din roll?", question.Question);
        question = await chat.ClickAsync(question, "1. Säkerhetsansvarig");
        question = await chat.ClickAsync(question, "2. Rädd eller orolig, sover dåligt");
        question = await chat.ClickAsync(question, "1. Ja, hen vet och är med på det");
        return await chat.ClickAsync(question, "Hoppa över");
    }

    [GeneratedRegex(@"\bHH-\d{4}(?:-\d{2}|-\d{4})?-\d{4}\b", RegexOptions.CultureInvariant)]
    internal static partial Regex CaseNumber();
}

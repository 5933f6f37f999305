using System.Text.RegularExpressions;
using SupportBot.EndToEndTests.Harness;
using SupportBot.EndToEndTests.Pages;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>
/// Reporting an incident (the triage, issue 4): questions as cards answered by clicking, 112 at any point, a bot
/// restart in the middle, and English for whoever did not choose Swedish. Texts are those of
/// dialogs/content/triage.json and strings.{sv,en}.json. Every scenario starts in fresh conversations: the language
/// choice and a triage in progress live in the conversation's state.
/// </summary>
public sealed partial class TriageScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    private const string Sv112 = "Vid akut fara: ring 112";

    [Fact]
    public Task FullTriage_ByClickingOnly_EndsOnGuidanceWithCaseNumberListedUnderMyCases() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        // The Playground sends every message as en-US: Karin chooses Swedish herself.
        await chat.SendAsync("svenska");

        var question = await chat.SendAsync("rapportera");
        Assert.Equal(Sv112, question.FirstLine);
        Assert.Equal("Fråga 1", question.Progress);
        Assert.Equal("Är någon i omedelbar fara just nu?", question.Question);
        Assert.Equal(["1. Ja", "2. Nej", "Tillbaka", "Avbryt"], question.Buttons);
        await karin.ScreenshotAsync("triage-question-sv", showing: question);

        question = await chat.ClickAsync(question, "2. Nej");
        Assert.Equal("Vad har hänt? Välj alla som passar.", question.Question);

        question = await chat.TickAndClickAsync(question, ["1. Hot"], "Fortsätt");
        Assert.Equal("Hur eller var hände det? Välj alla som passar.", question.Question);

        // A letter to the home is both.
        question = await chat.TickAndClickAsync(question, ["2. Vid hemmet", "5. Brev eller paket"], "Fortsätt");
        Assert.Equal("Vem är utsatt? Välj alla som passar.", question.Question);

        // It threatens the children too.
        question = await chat.TickAndClickAsync(question, ["1. Den förtroendevalda", "3. Närstående, till exempel barn eller partner"], "Fortsätt");
        Assert.Equal("Stämmer något av detta? Välj alla som passar.", question.Question);

        question = await chat.TickAndClickAsync(question, ["2. Avsändaren visar att hen vet var personen bor eller om barnen", "6. Upprepad oönskad kontakt"], "Fortsätt");
        Assert.Equal("Har personen utsatts tidigare?", question.Question);
        Assert.Contains("3. Vet inte", question.Buttons);

        question = await chat.ClickAsync(question, "1. Ja");
        Assert.Equal("Är händelsen redan polisanmäld?", question.Question);

        question = await chat.ClickAsync(question, "2. Nej");
        Assert.Equal("Har det samband med uppdraget som förtroendevald?", question.Question);

        question = await chat.ClickAsync(question, "1. Ja");
        Assert.Equal("När hände det?", question.Question);

        // Karin's tenant reports for one municipality: the bot knows it and does not ask which.
        question = await chat.ClickAsync(question, "3. I går");
        Assert.Equal("Vilken är din roll?", question.Question);

        question = await chat.ClickAsync(question, "1. Säkerhetsansvarig");
        Assert.Equal("Hur mår den som är utsatt?", question.Question);

        question = await chat.ClickAsync(question, "2. Rädd eller orolig, sover dåligt");
        Assert.StartsWith("Vet den utsatta om rapporten", question.Question, StringComparison.Ordinal);

        question = await chat.ClickAsync(question, "1. Ja, hen vet och är med på det");
        Assert.StartsWith("Vill du beskriva kort vad som hänt? (frivilligt, högst 500 tecken)", question.Question, StringComparison.Ordinal);
        Assert.True(question.Shows("skriv inga namn, adresser eller något om barn"), question.Text);
        Assert.Contains("Hoppa över", question.Buttons);

        var guidance = await chat.FillInAndClickAsync(question, "Brev hem till ordföranden med hot om att \"hälsa på\".", "Skicka");

        Assert.Equal(Sv112, guidance.FirstLine);
        var caseNumber = CaseNumber().Match(guidance.Text).Value;
        Assert.True(caseNumber.Length > 0, $"No case number (HH-yyyy-kkkk-nnnn) on the guidance card:\n{guidance.Text}");
        Assert.Contains($"Ärende {caseNumber}", guidance.CardLines);
        Assert.Contains(TeamsFixture.DemoOrganisationName, guidance.CardLines);
        Assert.Contains("HÖG", guidance.CardLines);
        Assert.StartsWith("Visa alla åtgärder (", guidance.Buttons[0], StringComparison.Ordinal);
        Assert.Equal(["Visa checklista", "Be SKR:s rådgivare om råd", "Mina ärenden"], guidance.Buttons.Skip(1));
        await karin.ScreenshotAsync("triage-guidance-sv", showing: guidance);
        guidance = await ShowAllActionsAsync(guidance);
        Assert.True(guidance.Shows("ingen akuttjänst"), guidance.Text);
        await karin.ScreenshotWholeAsync("triage-guidance-sv-whole", guidance);

        var myCases = await chat.ClickAsync(guidance, "Mina ärenden");

        Assert.Equal(Sv112, myCases.FirstLine);
        Assert.Contains("Mina ärenden", myCases.CardLines);
        Assert.Contains(myCases.Buttons, b => b.StartsWith(caseNumber + " ", StringComparison.Ordinal) && b.Contains("Hot", StringComparison.Ordinal) && b.EndsWith("HÖG", StringComparison.Ordinal));
    });

    [Fact]
    public Task Akut_InTheMiddleOfATriage_Shows112FirstThenResumesAtTheSameQuestion() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");
        var question = await chat.SendAsync("rapportera");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.TickAndClickAsync(question, ["3. Näthat"], "Fortsätt");
        Assert.Equal("Hur eller var hände det? Välj alla som passar.", question.Question);

        var emergency = await chat.SendAsync("akut");

        Assert.Equal(Sv112, emergency.FirstLine);
        Assert.Contains("Ring 112 nu om någon är i fara", emergency.CardLines);
        Assert.Contains("Vill du fortsätta rapporten när du kan?", emergency.CardLines);
        Assert.Equal(["Fortsätt", "Avsluta"], emergency.Buttons);
        await karin.ScreenshotAsync("triage-akut-sv", showing: emergency);

        var resumed = await chat.ClickAsync(emergency, "Fortsätt");

        Assert.Equal(Sv112, resumed.FirstLine);
        Assert.Equal(question.Progress, resumed.Progress);
        Assert.Equal(question.Question, resumed.Question);
        Assert.Equal(question.Buttons, resumed.Buttons);
        // And it goes on from there.
        var next = await chat.TickAndClickAsync(resumed, ["7. Sociala medier"], "Fortsätt");
        Assert.Equal("Vem är utsatt? Välj alla som passar.", next.Question);
    });

    [Fact]
    public Task BotRestart_InTheMiddleOfATriage_ResumesAtTheSameQuestion() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");
        var question = await chat.SendAsync("rapportera");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.TickAndClickAsync(question, ["2. Hat eller trakasserier"], "Fortsätt");
        Assert.Equal("Fråga 3", question.Progress);
        Assert.Equal("Hur eller var hände det? Välj alla som passar.", question.Question);

        // Same port, same Azurite: the Playground keeps posting to the same endpoint; the bot's memory is gone.
        var restartsBefore = Teams.Bot.Restarts;
        await Teams.RestartBotAsync();
        Assert.Equal(restartsBefore + 1, Teams.Bot.Restarts);

        var next = await chat.TickAndClickAsync(question, ["7. Sociala medier"], "Fortsätt");

        // The step, the answers so far and Karin's choice of Swedish all came from Table Storage.
        Assert.Equal(Sv112, next.FirstLine);
        Assert.Equal("Fråga 4", next.Progress);
        Assert.Equal("Vem är utsatt? Välj alla som passar.", next.Question);
    });

    [Fact]
    public Task Report_FromEnglishLocaleUserWhoChoseNoLanguage_AsksInEnglish() => RunAsync(async () =>
    {
        // The Playground sends "en-US"; Maria never typed "svenska".
        var maria = await SignInAsync(People.Manager, freshConversations: true);
        var chat = await maria.OpenPersonalChatAsync();

        var question = await chat.SendAsync("report");

        Assert.Equal("In immediate danger: call 112", question.FirstLine);
        Assert.Equal("Question 1", question.Progress);
        Assert.Equal("Is anyone in immediate danger right now?", question.Question);
        Assert.Equal(["1. Yes", "2. No", "Back", "Cancel"], question.Buttons);

        question = await chat.ClickAsync(question, "2. No");
        Assert.Equal("What has happened? Choose all that fit.", question.Question);
        Assert.True(question.Shows("1. Threat"), question.Text);

        question = await chat.TickAndClickAsync(question, ["2. Hate or harassment"], "Continue");
        Assert.Equal("How or where did it happen? Choose all that fit.", question.Question);

        question = await chat.TickAndClickAsync(question, ["4. Phone or text message"], "Continue");
        Assert.Equal("Who is targeted? Choose all that fit.", question.Question);

        question = await chat.TickAndClickAsync(question, ["1. The elected official", "3. Relatives, for example children or a partner"], "Continue");
        Assert.Equal("Question 5", question.Progress);
        Assert.Equal("Does any of this apply? Choose all that fit.", question.Question);
        Assert.Contains("Continue", question.Buttons);
        Assert.DoesNotContain(question.CardLines, l => l.Contains("Fråga", StringComparison.Ordinal) || l.Contains("Vid akut fara", StringComparison.Ordinal));
    });

    [Fact]
    public Task PagarNu_StopsAtOnceAtThe112Card_ThenTheGuidanceLeadsWith112() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");
        var question = await chat.SendAsync("rapportera");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.TickAndClickAsync(question, ["1. Hot"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["2. Vid hemmet"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["1. Den förtroendevalda"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["3. Någon har kommit till hemmet"], "Fortsätt");
        question = await chat.ClickAsync(question, "3. Vet inte");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.ClickAsync(question, "1. Ja");
        Assert.Equal("När hände det?", question.Question);

        // "Pågår nu": the 112 card at once, before the organisation or anything else is asked.
        var emergency = await chat.ClickAsync(question, "1. Pågår nu");

        Assert.Equal(Sv112, emergency.FirstLine);
        Assert.Contains("Ring 112 nu om någon är i fara", emergency.CardLines);
        Assert.DoesNotContain(emergency.CardLines, l => l.Contains("kommun eller region", StringComparison.Ordinal));
        Assert.Equal(["Fortsätt", "Avsluta"], emergency.Buttons);
        await karin.ScreenshotAsync("triage-pagar-nu-112-sv", showing: emergency);

        // Karin's tenant reports for one municipality: the organisation is not asked.
        question = await chat.ClickAsync(emergency, "Fortsätt");
        Assert.Equal("Vilken är din roll?", question.Question);
        question = await chat.ClickAsync(question, "2. Kommunsekreterare");
        question = await chat.ClickAsync(question, "4. Vet inte – ingen har frågat än");
        question = await chat.ClickAsync(question, "1. Ja, hen vet och är med på det");
        var guidance = await ShowAllActionsAsync(await chat.ClickAsync(question, "Hoppa över"));

        Assert.True(guidance.Shows("AKUT"), guidance.Text);
        // The card renders the numbered actions as a list: their order is the order of the texts.
        var call112 = guidance.Text.IndexOf("Ring 112 nu om någon är i fara", StringComparison.Ordinal);
        var securityOfficer = guidance.Text.IndexOf("När 112 är larmat", StringComparison.Ordinal);
        var police = guidance.Text.IndexOf("Polisanmäl så snart som möjligt", StringComparison.Ordinal);
        var advisers = guidance.Text.IndexOf("Rådgivarna på SKR (tidigare SKL) är ett bollplank", StringComparison.Ordinal);
        Assert.True(call112 >= 0 && call112 < securityOfficer && securityOfficer < police && police < advisers, guidance.Text);
        Assert.True(guidance.Shows("ingen akuttjänst"), guidance.Text);
        Assert.Equal(["Visa checklista", "Be SKR:s rådgivare om råd", "Mina ärenden"], guidance.Buttons.Skip(1));
        await karin.ScreenshotWholeAsync("triage-akut-guidance-sv-whole", guidance);
    });

    [Fact]
    public Task ElectedOfficialReportingThemself_GetsTheirSecurityOfficers_AndNoButtonToTheAdvisers() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");
        var question = await chat.SendAsync("rapportera");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.TickAndClickAsync(question, ["3. Näthat"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["7. Sociala medier"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["1. Den förtroendevalda"], "Fortsätt");
        question = await chat.TickAndClickAsync(question, ["7. Inget av detta"], "Fortsätt");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.ClickAsync(question, "1. Ja");
        question = await chat.ClickAsync(question, "2. I dag");
        question = await chat.ClickAsync(question, "4. Jag är själv förtroendevald");
        question = await chat.ClickAsync(question, "1. Hen klarar sig efter omständigheterna");
        question = await chat.ClickAsync(question, "1. Ja, hen vet och är med på det");
        var guidance = await chat.ClickAsync(question, "Hoppa över");

        Assert.Equal(Sv112, guidance.FirstLine);
        Assert.True(guidance.Shows("Du som själv är förtroendevald"), guidance.Text);
        Assert.True(guidance.Shows("partiets säkerhetsansvariga"), guidance.Text);
        Assert.Equal(["Dela med säkerhetsansvariga", "Visa checklista", "Mina ärenden"], guidance.Buttons.Skip(1));
        await karin.ScreenshotWholeAsync("triage-official-guidance-sv-whole", guidance);

        var shared = await chat.ClickAsync(guidance, "Dela med säkerhetsansvariga");
        Assert.True(shared.Shows("att visa för säkerhetsansvariga"), shared.Text);
        await karin.ScreenshotAsync("triage-official-share-sv", showing: shared);
    });

    /// <summary>Unfolds the guidance's later actions and who else can help (its first button), and reads the card again.</summary>
    private static async Task<BotMessage> ShowAllActionsAsync(BotMessage guidance)
    {
        Assert.StartsWith("Visa ", guidance.Buttons[0], StringComparison.Ordinal);
        await guidance.ClickAsync(guidance.Buttons[0]);
        return await guidance.ReadAgainAsync();
    }

    [GeneratedRegex(@"\bHH-\d{4}(?:-\d{2}|-\d{4})?-\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumber();
}

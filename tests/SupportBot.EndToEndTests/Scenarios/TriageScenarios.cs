using System.Text.RegularExpressions;
using SupportBot.EndToEndTests.Harness;
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
        Assert.Equal("Vad har hänt?", question.Question);

        question = await chat.ClickAsync(question, "1. Hot");
        Assert.Equal("Hur eller var hände det?", question.Question);

        question = await chat.ClickAsync(question, "4. Brev eller paket");
        Assert.Equal("Vem är utsatt?", question.Question);

        question = await chat.ClickAsync(question, "1. Den förtroendevalda");
        Assert.Equal("Stämmer något av detta? Välj alla som passar.", question.Question);

        question = await chat.TickAndClickAsync(question, ["2. Avsändaren visar att hen vet var personen bor eller om barnen", "4. Upprepad oönskad kontakt"], "Fortsätt");
        Assert.Equal("Har personen utsatts tidigare?", question.Question);

        question = await chat.ClickAsync(question, "1. Ja");
        Assert.Equal("Är händelsen redan polisanmäld?", question.Question);

        question = await chat.ClickAsync(question, "2. Nej");
        Assert.Equal("Har det samband med uppdraget som förtroendevald?", question.Question);

        question = await chat.ClickAsync(question, "1. Ja");
        Assert.Equal("Är den utsatta riksdagsledamot eller statsråd?", question.Question);

        question = await chat.ClickAsync(question, "2. Nej");
        Assert.Equal("När hände det?", question.Question);

        // Karin's tenant reports for one municipality: the bot knows it and does not ask which.
        question = await chat.ClickAsync(question, "3. I går");
        Assert.Equal("Vilken är din roll?", question.Question);

        question = await chat.ClickAsync(question, "1. Säkerhetsansvarig");
        Assert.Equal("Vill du beskriva kort vad som hänt? (frivilligt, högst 500 tecken)", question.Question);
        Assert.Contains("Hoppa över", question.Buttons);

        var guidance = await chat.FillInAndClickAsync(question, "Brev till ordförandens hemadress med hot om att \"hälsa på\".", "Skicka");

        Assert.Equal(Sv112, guidance.FirstLine);
        var caseNumber = CaseNumber().Match(guidance.Text).Value;
        Assert.True(caseNumber.Length > 0, $"No case number (HH-yyyy-nnnn) on the guidance card:\n{guidance.Text}");
        Assert.Contains($"Ärende {caseNumber}", guidance.CardLines);
        Assert.Contains(TeamsFixture.DemoOrganisationName, guidance.CardLines);
        Assert.Contains("HÖG", guidance.CardLines);
        Assert.Equal(["Eskalera till SKL", "Visa checklista", "Mina ärenden"], guidance.Buttons);
        await karin.ScreenshotAsync("triage-guidance-sv", showing: guidance);
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
        question = await chat.ClickAsync(question, "5. Näthat");
        Assert.Equal("Hur eller var hände det?", question.Question);

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
        var next = await chat.ClickAsync(resumed, "6. Sociala medier");
        Assert.Equal("Vem är utsatt?", next.Question);
    });

    [Fact]
    public Task BotRestart_InTheMiddleOfATriage_ResumesAtTheSameQuestion() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");
        var question = await chat.SendAsync("rapportera");
        question = await chat.ClickAsync(question, "2. Nej");
        question = await chat.ClickAsync(question, "2. Hat eller trakasserier");
        Assert.Equal("Fråga 3", question.Progress);
        Assert.Equal("Hur eller var hände det?", question.Question);

        // Same port, same Azurite: the Playground keeps posting to the same endpoint; the bot's memory is gone.
        var restartsBefore = Teams.Bot.Restarts;
        await Teams.RestartBotAsync();
        Assert.Equal(restartsBefore + 1, Teams.Bot.Restarts);

        var next = await chat.ClickAsync(question, "6. Sociala medier");

        // The step, the answers so far and Karin's choice of Swedish all came from Table Storage.
        Assert.Equal(Sv112, next.FirstLine);
        Assert.Equal("Fråga 4", next.Progress);
        Assert.Equal("Vem är utsatt?", next.Question);
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
        Assert.Equal("What has happened?", question.Question);
        Assert.Contains("1. Threat", question.Buttons);

        question = await chat.ClickAsync(question, "2. Hate or harassment");
        Assert.Equal("How or where did it happen?", question.Question);

        question = await chat.ClickAsync(question, "3. Phone or text message");
        Assert.Equal("Who is targeted?", question.Question);

        question = await chat.ClickAsync(question, "3. Several people");
        Assert.Equal("Question 5", question.Progress);
        Assert.Equal("Does any of this apply? Choose all that fit.", question.Question);
        Assert.Contains("Continue", question.Buttons);
        Assert.DoesNotContain(question.CardLines, l => l.Contains("Fråga", StringComparison.Ordinal) || l.Contains("Vid akut fara", StringComparison.Ordinal));
    });

    [GeneratedRegex(@"\bHH-\d{4}-\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumber();
}

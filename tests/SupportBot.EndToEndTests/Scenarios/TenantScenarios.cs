using SupportBot.EndToEndTests.Harness;
using SupportBot.EndToEndTests.Pages;
using SupportBot.Testing;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>
/// Many organisations, one service (issue 14): every person acts on a Playground of their own that sends their own
/// tenant id. Tenant A reports for one municipality (Uppsala kommun), tenant B for two (Ale and Lerum), SKR's advisers
/// sit in SKR's tenant, Maria manages A, and the stranger's tenant never joined (TeamsFixture configures the bot).
/// </summary>
public sealed class TenantScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    private const string Lerum = "Lerums kommun";
    private const string Ale = "Ale kommun";
    // The refusal is in the language of the activity: Swedish when it has no locale (opening the chat), else the
    // Playground's en-US.
    private const string RefusedSv = "Din organisation är inte ansluten till SupportBot ännu";
    private const string RefusedEn = "Your organisation has not joined SupportBot yet";

    [Fact]
    public Task CasesFromTwoTenants_ReachTheAdviserWithTheirOwnOrganisation_AndTheManagerOfASeesOnlyA() => RunAsync(async () =>
    {
        var jonas = await SignInAsync(People.Adviser, freshConversations: true);
        var jonasChat = await jonas.OpenPersonalChatAsync();
        await jonasChat.SendAsync("svenska");

        // Karin's tenant reports for Uppsala only: the triage does not ask.
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var karinChat = await karin.OpenPersonalChatAsync();
        await karinChat.SendAsync("svenska");
        var fromA = await EscalationScenarios.ReportThreatWithMarkersAsync(karinChat);
        var caseA = EscalationScenarios.CaseNumber().Match(fromA.Text).Value;
        Assert.Contains(TeamsFixture.DemoOrganisationName, fromA.CardLines);
        await karinChat.ClickAsync(fromA, "Be SKR:s rådgivare om råd");

        // Sara's tenant reports for Ale and Lerum: she picks Lerum by button.
        var sara = await SignInAsync(People.StaffB, freshConversations: true);
        var saraChat = await sara.OpenPersonalChatAsync();
        await saraChat.SendAsync("svenska");
        var fromB = await EscalationScenarios.ReportThreatWithMarkersAsync(saraChat, Lerum, async question =>
        {
            Assert.Contains(question.Buttons, b => b.EndsWith(Ale, StringComparison.Ordinal));
            Assert.Contains(question.Buttons, b => b.EndsWith(Lerum, StringComparison.Ordinal));
            Assert.DoesNotContain(question.Buttons, b => b.Contains(TeamsFixture.DemoOrganisationName, StringComparison.Ordinal));
            // Buttons only: the organisation is never typed.
            Assert.Equal(0, await question.Card.GetByRole(Microsoft.Playwright.AriaRole.Textbox).CountAsync());
            await sara.ScreenshotAsync("tenant-b-staff-chooses-organisation-sv", showing: question);
        });
        var caseB = EscalationScenarios.CaseNumber().Match(fromB.Text).Value;
        Assert.Contains(Lerum, fromB.CardLines);
        await saraChat.ClickAsync(fromB, "Be SKR:s rådgivare om råd");

        // Jonas, in SKR's tenant, gets both, each with its own organisation.
        var cardA = await jonasChat.WaitForBotMessageAsync($"nytt ärende {caseA}");
        var cardB = await jonasChat.WaitForBotMessageAsync($"nytt ärende {caseB}");
        Assert.True(cardA.Shows(TeamsFixture.DemoOrganisationName) && !cardA.Shows(Lerum), cardA.Text);
        Assert.True(cardB.Shows(Lerum) && !cardB.Shows(TeamsFixture.DemoOrganisationName), cardB.Text);
        await jonas.ScreenshotAsync("adviser-case-from-tenant-b-sv", showing: cardB);

        // The stored cases hold the tenant and the SCB code.
        Assert.Contains($"Incidents {TeamsFixture.DemoOrganisation}/{caseA}: TenantId", await TableScan.FindMentionsAsync(Teams.StorageConnectionString, [People.TenantA.Id]));
        Assert.Contains($"Incidents 1441/{caseB}: TenantId", await TableScan.FindMentionsAsync(Teams.StorageConnectionString, [People.TenantB.Id]));

        // Maria manages A: her overview counts A's cases and nothing of B's.
        var maria = await SignInAsync(People.Manager, freshConversations: true);
        var mariaChat = await maria.OpenPersonalChatAsync();
        await mariaChat.SendAsync("svenska");
        var overview = await mariaChat.SendAsync("översikt");
        Assert.Contains($"Översikt för {TeamsFixture.DemoOrganisationName}", overview.CardLines);
        Assert.False(overview.Shows(Lerum) || overview.Shows(Ale), overview.Text);
        Assert.Equal(await TableScan.CountAsync(Teams.StorageConnectionString, "Incidents", TeamsFixture.DemoOrganisation), OverviewScenarios.Fact(overview, "Händelser"));
        await maria.ScreenshotAsync("tenant-a-manager-overview-sv", showing: overview);
    });

    [Fact]
    public Task Stranger_FromATenantThatHasNotJoined_IsRefusedAndNothingIsStored() => RunAsync(async () =>
    {
        var olof = await SignInAsync(People.Stranger, freshConversations: true);
        var chat = await olof.OpenPersonalChatAsync();

        // Opening the chat: the refusal, not a welcome.
        var first = await chat.WaitForBotMessageAsync(RefusedSv);
        Assert.Equal("Vid akut fara: ring 112", first.FirstLine);
        Assert.True(first.Shows("08-452 70 00"), first.Text);
        await olof.ScreenshotAsync("stranger-refused-sv", showing: first);

        var reply = await chat.SendAsync("rapportera");
        AssertRefused(reply);
        Assert.True(reply.Shows("08-452 70 00"), reply.Text);
        Assert.Null(reply.Question);
        await olof.ScreenshotAsync("stranger-refused", showing: reply);

        var group = await olof.OpenGroupChatAsync();
        var inGroup = await group.MentionBotAsync("hjälp");
        AssertRefused(inGroup);
        await chat.WaitUntilQuietAsync();

        // Control: the scan does find what the bot stores for someone it serves.
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var karinChat = await karin.OpenPersonalChatAsync();
        await karinChat.SendAsync("svenska");
        var tables = await TableScan.TableNamesAsync(Teams.StorageConnectionString);
        Assert.NotEmpty(await TableScan.FindMentionsAsync(Teams.StorageConnectionString, [karin.Playground.Config.PersonalChatId]));

        var config = olof.Playground.Config;
        var mentions = await TableScan.FindMentionsAsync(
            Teams.StorageConnectionString,
            [People.Stranger.Id, People.Stranger.AadObjectId, People.Stranger.Tenant.Id, config.PersonalChatId, config.GroupChatId, config.Team.Id, config.Team.ChannelId]);
        Assert.True(mentions.Count == 0, $"Stored for the stranger, in {tables.Count} tables ({string.Join(", ", tables)}):\n{string.Join("\n", mentions)}");
    });

    [Fact]
    public Task GroupChat_ReportAndMyCases_MoveToThePersonalChat() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var group = await karin.OpenGroupChatAsync();

        var report = await group.MentionBotAsync("rapportera");
        var myCases = await group.MentionBotAsync("mina ärenden");
        await group.WaitUntilQuietAsync();

        AssertMoved(report, "reporting an incident");
        AssertMoved(myCases, "your cases");
        // No triage started in the room and no case shown there.
        Assert.All(await group.BotMessagesAsync(), m => Assert.True(m.Question is null && !EscalationScenarios.CaseNumber().IsMatch(m.Text), m.Text));
        await karin.ScreenshotAsync("group-chat-moved-to-personal-chat", showing: myCases);

        var personal = await karin.OpenPersonalChatAsync();
        var invitation = await personal.WaitForBotMessageAsync("You asked for your cases in a shared chat");
        Assert.Equal("In immediate danger: call 112", invitation.FirstLine);
        Assert.Contains("Let us continue here, in our personal chat", invitation.CardLines);
        await personal.WaitForBotMessageAsync("You asked for reporting an incident in a shared chat");
        await karin.ScreenshotAsync("personal-chat-invitation", showing: invitation);
    });

    [Fact]
    public Task Channel_ReportAndMyCases_MoveToThePersonalChat() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var channel = await karin.OpenChannelAsync();

        var report = await channel.MentionBotAsync("rapportera");
        AssertMoved(report, "reporting an incident");
        var myCases = await channel.MentionBotAsync("mina ärenden");
        AssertMoved(myCases, "your cases");
        await karin.ScreenshotAsync("channel-moved-to-personal-chat", showing: myCases);

        var personal = await karin.OpenPersonalChatAsync();
        await personal.WaitForBotMessageAsync("You asked for reporting an incident in a shared chat");
        await personal.WaitForBotMessageAsync("You asked for your cases in a shared chat");
    });

    [Fact]
    public Task AdviserWhoseTeamsChatIsGone_GetsTheCaseByEmail_BackupGetsItInTeams_ReporterIsToldWhatReachedWhom() => RunAsync(async () =>
    {
        var jonas = await SignInAsync(People.Adviser, freshConversations: true);
        var jonasChat = await jonas.OpenPersonalChatAsync();
        await jonasChat.SendAsync("svenska");

        // Lena writes to the bot once, so it stores where her chat is; then that chat is gone (her Teams has new chats
        // at the same address, and she has not opened SupportBot since): sending to it gets 404 ConversationNotFound.
        var lena = await SignInAsync(People.SecondAdviser, freshConversations: true);
        var lenaChat = await lena.OpenPersonalChatAsync();
        await lenaChat.SendAsync("svenska");
        await WaitUntilReferenceStoredAsync(lena.Playground.Config.PersonalChatId);
        var lenasNewTeams = await ReplaceWithNewChatsAsync(lena);

        // A threat without a marker of violence goes to Lena (routing.json "threat-without-markers").
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var karinChat = await karin.OpenPersonalChatAsync();
        await karinChat.SendAsync("svenska");
        var guidance = await EscalationScenarios.ReportThreatAsync(karinChat, "7. Inget av detta");
        var caseNumber = EscalationScenarios.CaseNumber().Match(guidance.Text).Value;
        Assert.True(caseNumber.Length > 0, guidance.Text);
        Assert.True(guidance.Shows(TeamsFixture.DemoOrganisationName), guidance.Text);
        var sent = await karinChat.ClickAsync(guidance, "Be SKR:s rådgivare om råd");
        Assert.True(sent.Shows("Lena Sjöberg"), sent.Text);

        var mail = await Teams.Mail.WaitForAsync(People.SecondAdviser.Email, ChatPage.ReplyTimeout);
        Assert.Contains(caseNumber, mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith($"SupportBot: nytt ärende {caseNumber} (", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(TeamsFixture.DemoOrganisationName, mail.Text, StringComparison.Ordinal);
        Assert.Contains("Öppna SupportBot i Teams", mail.Text, StringComparison.Ordinal);
        // Nothing personal: not the reporter, not who reported.
        Assert.DoesNotContain(People.Staff.Name, mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(People.Staff.Email, mail.Text, StringComparison.OrdinalIgnoreCase);

        // The backup adviser gets the case in Teams, told why it came to him.
        var backup = await jonasChat.WaitForBotMessageAsync(
            $"Jonas Lind: ärende {caseNumber} från {TeamsFixture.DemoOrganisationName} kommer till dig, eftersom Lena Sjöberg inte kunde nås i Teams");
        Assert.Contains("Jag tar detta", backup.Buttons);
        Assert.DoesNotContain("Lämna över till Jonas Lind", backup.Buttons);
        await jonas.ScreenshotAsync("backup-adviser-case-sv", showing: backup);

        // Karin is told what reached whom.
        var report = await karinChat.WaitForBotMessageAsync($"Så gick meddelandet om ärende {caseNumber}");
        Assert.Equal("Vid akut fara: ring 112", report.FirstLine);
        Assert.True(report.Shows("Lena Sjöberg kunde inte nås i Teams."), report.Text);
        Assert.True(report.Shows("Hen har fått ett e-postmeddelande om att ärendet väntar (utan personuppgifter)."), report.Text);
        Assert.True(report.Shows("Ärendet har skickats till Jonas Lind i Teams i stället."), report.Text);
        await karin.ScreenshotAsync("reporter-told-what-reached-whom-sv", showing: report);

        // When Lena opens Teams again, her new chat shows nothing of the case: the e-mail is what reached her.
        var lenaLater = await OpenAsync(People.SecondAdviser, lenasNewTeams);
        var lenaNow = await lenaLater.OpenPersonalChatAsync();
        Assert.DoesNotContain(await lenaNow.BotMessagesAsync(), m => m.Shows(caseNumber));
    });

    private static void AssertRefused(BotMessage reply)
    {
        Assert.True(reply.FirstLine is "Vid akut fara: ring 112" or "In immediate danger: call 112", reply.Text);
        Assert.True(reply.Shows(RefusedSv) || reply.Shows(RefusedEn), reply.Text);
        Assert.Null(reply.Question);
    }

    private static void AssertMoved(BotMessage reply, string what) =>
        Assert.True(reply.Shows($"This belongs in a personal chat, so I have sent {what} there."), reply.Text);

    /// <summary>Waits until a stored conversation reference mentions <paramref name="conversationId"/> (the bot may store it after it answered).</summary>
    private async Task WaitUntilReferenceStoredAsync(string conversationId)
    {
        var deadline = DateTime.UtcNow + ChatPage.ReplyTimeout;
        while (!(await TableScan.FindMentionsAsync(Teams.StorageConnectionString, [conversationId])).Any(m => m.StartsWith("ConversationReferences ", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The bot stored no conversation reference to {conversationId}.");
            await Task.Delay(200);
        }
    }
}

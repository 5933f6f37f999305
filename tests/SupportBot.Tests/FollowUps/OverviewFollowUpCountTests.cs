using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Moq;
using Newtonsoft.Json.Linq;
using SupportBot.Cards;
using SupportBot.Dialogs;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.FollowUps;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.FollowUps;

/// <summary>The managers' overview counts open HÖG/AKUT cases that have no follow-up answer, in one line.</summary>
public sealed class OverviewFollowUpCountTests
{
    [Theory]
    [InlineData("sv-SE", "Öppna HÖG/AKUT-ärenden utan uppföljningssvar")]
    [InlineData("en-US", "Open HIGH/URGENT cases without a follow-up answer")]
    public async Task Overview_CountsOpenCasesWithoutAFollowUpAnswer(string locale, string line)
    {
        var bot = new TestBot();
        var now = bot.Time.GetUtcNow();
        FollowUpRecord Row(string number) => new(TestTenants.CodeA, number, "reporter", "sv", Urgency.Hog, now.AddDays(-5));
        var answer = new FollowUpAnswer(1, now.AddDays(-1), "same", "unknown", false, null);
        var rows = new List<FollowUpRecord>
        {
            Row("HH-2026-0380-0001"),                                   // not escalated, no answer: counted
            Row("HH-2026-0380-0002") with { Answers = [answer] },       // answered: not counted
            Row("HH-2026-0380-0003"),                                   // escalation closed: not open, not counted
            Row("HH-2026-0380-0004") with { Stopped = true },           // escalated and open, turned off, no answer: counted
        };
        var followUps = new Mock<IFollowUpStore>();
        followUps.Setup(f => f.ListAsync(TestTenants.CodeA, It.IsAny<CancellationToken>())).ReturnsAsync(rows);
        await EscalateAsync(bot, "HH-2026-0380-0003", EscalationStatus.Closed, now);
        await EscalateAsync(bot, "HH-2026-0380-0004", EscalationStatus.Taken, now);
        var requests = new OverviewDesk(
            new ManagerDirectory(TestTenants.Directory, [new ManagerEntry(TestBot.ManagerAad, TestTenants.A, TestTenants.CodeA)]),
            bot.OverviewData,
            bot.OverviewChart,
            new OverviewCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, FlowCatalog.Default),
            new TriageCards(TextCatalog.Default, CardLibrary.Default, GuidanceContent.Default, CardSamples.Contacts),
            CardSamples.Calendar,
            bot.Time,
            followUps.Object,
            bot.Escalations);

        var reply = await requests.OverviewAsync(Turn(locale), locale == "en-US" ? UserLanguage.English : UserLanguage.Swedish, CancellationToken.None);

        var facts = JObject.FromObject(reply.Attachments[0].Content).Descendants().OfType<JObject>().Where(o => o["title"] is not null && o["value"] is not null).ToList();
        var fact = Assert.Single(facts, f => (string?)f["title"] == line);
        Assert.Equal("2", (string?)fact["value"]);
    }

    private static async Task EscalateAsync(TestBot bot, string number, string status, DateTimeOffset now)
    {
        var escalation = new EscalationRecord(number, TestTenants.CodeA, "safety", null, "rule", "skäl", "reason", "reporter", now, EscalationStatus.New);
        Assert.True(await bot.Escalations.SubmitAsync(escalation, [], CancellationToken.None));
        if (status != EscalationStatus.New)
        {
            var stored = (await bot.Escalations.GetAsync(TestTenants.CodeA, number, CancellationToken.None))!;
            Assert.True(await bot.Escalations.UpdateAsync(stored with { Status = status, Version = stored.Version + 1 }, [], CancellationToken.None));
        }
    }

    private static TurnContext Turn(string locale)
    {
        var reference = TestAdapter.CreateConversation("overview-follow-ups").InTenant(TestTenants.A);
        reference.ChannelId = "msteams";
        var adapter = new TestAdapter(reference) { Locale = locale };
        var activity = adapter.MakeActivity("översikt");
        activity.From.AadObjectId = TestBot.ManagerAad;
        activity.Locale = locale;
        return new TurnContext(adapter, activity);
    }
}

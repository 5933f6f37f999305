using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.Testing;

using static SupportBot.Tests.Triage.TriageDialogTests;

namespace SupportBot.Tests.Triage;

/// <summary>
/// The "must never be wrong" list held on the replies production sends: the real handler and router through the SDK's
/// TestAdapter, clicking the way a person does (choice ids, so the same clicks work in both languages).
/// </summary>
public sealed class MustNeverBeWrongFlowTests
{
    private readonly MemoryStorage _storage = new();

    private static Action<IActivity> Any => _ => { };

    /// <summary>The questions up to "När hände det?", with the given answers; the reply to each is checked by the caller's next step.</summary>
    private static TestFlow UpToWhen(TestFlow flow, TestAdapter adapter, string what = "threat", string channel = "letter,home", string targets = "official,relatives", string markers = "knows-home") => flow
        .Send(Type(adapter, "rapportera")).AssertReply(Any)
        .Send(Click(adapter, "answer", "danger", "no")).AssertReply(Any)
        .Send(Click(adapter, "answer", "what", what)).AssertReply(Any)
        .Send(Click(adapter, "answer", "channel", channel)).AssertReply(Any)
        .Send(Click(adapter, "answer", "targets", targets)).AssertReply(Any)
        .Send(Click(adapter, "answer", "markers", markers)).AssertReply(Any)
        .Send(Click(adapter, "answer", "repeated", "unknown")).AssertReply(Any)
        .Send(Click(adapter, "answer", "reported", "no")).AssertReply(Any)
        .Send(Click(adapter, "answer", "role", "yes")).AssertReply(Any);

    private static List<string> ActionTexts(IActivity reply) =>
        JObject.FromObject(((IMessageActivity)reply).Attachments[0].Content).Descendants().OfType<JProperty>()
            .Where(p => p.Name == "text" && p.Value.ToString().Length > 3 && char.IsDigit(p.Value.ToString()[0]) && p.Value.ToString()[1] == '.')
            .Select(p => p.Value.ToString()).ToList();

    private static List<string> ButtonTitles(IActivity reply) =>
        JObject.FromObject(((IMessageActivity)reply).Attachments[0].Content)["actions"]?.Select(a => (string)a["title"]!).ToList() ?? [];

    [Theory]
    [InlineData("sv-SE", "Vill du fortsätta rapporten", "Ring 112 nu", "säkerhetsansvariga", "Polisanmäl", "ingen akuttjänst", "kontorstid")]
    [InlineData("en-GB", "continue the report", "Call 112 now", "security officer", "Report to the police", "not an emergency service", "office hours")]
    public async Task HappeningNow_StopsAtOnceWith112_ThenGuidanceLeads112SecurityOfficerPolice_AndAdvisersOnlyAfterwardsWithTheHighDeadline(
        string locale, string resume, string first, string second, string third, string notEmergency, string officeHours)
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter(locale);
        await UpToWhen(new TestFlow(adapter, bot.Handler), adapter)
            .Send(Click(adapter, "answer", "when", "now"))
            .AssertReply(reply =>
            {
                // The 112 card and nothing before it; the organisation is not asked first.
                Assert.Contains("112", FirstText(reply), StringComparison.Ordinal);
                Assert.Contains(resume, Texts(reply), StringComparison.Ordinal);
                Assert.DoesNotContain("kommun eller region", Texts(reply), StringComparison.Ordinal);
            })
            .Send(Click(adapter, "command", null, "continue")).AssertReply(Any)
            .Send(Click(adapter, "answer", "organisation", "Exempelby kommun")).AssertReply(Any)
            .Send(Click(adapter, "answer", "reporter-role", "municipal-secretary")).AssertReply(Any)
            .Send(Click(adapter, "answer", "wellbeing", "worried")).AssertReply(Any)
            .Send(Click(adapter, "answer", "consent", "yes")).AssertReply(Any)
            .Send(Click(adapter, "answer", "description", string.Empty))
            .AssertReply(reply =>
            {
                var actions = ActionTexts(reply);
                Assert.StartsWith("1. " + first, actions[0], StringComparison.Ordinal);
                Assert.Contains(second, actions[1], StringComparison.Ordinal);
                Assert.Contains(third, actions[2], StringComparison.Ordinal);
                Assert.Contains(notEmergency, Texts(reply), StringComparison.Ordinal);
                Assert.Contains(officeHours, Texts(reply), StringComparison.Ordinal);
                // The advisers' button comes after the checklists, never first.
                Assert.True(ButtonTitles(reply).Count >= 3);
            })
            .Send(Click(adapter, "escalate", null, "HH-2026-0001"))
            .AssertReply(reply =>
            {
                Assert.Contains("112", FirstText(reply), StringComparison.Ordinal);
                Assert.Contains(notEmergency, Texts(reply), StringComparison.Ordinal);
                Assert.Contains(officeHours, Texts(reply), StringComparison.Ordinal);
            })
            .StartTestAsync();

        var (record, _) = Assert.Single(bot.Escalations.Submitted);
        Assert.Equal(Urgency.Akut, record.Urgency);

        // 2026-11-24 10:00 UTC is 11:00 on a Tuesday in Stockholm: the HÖG half hour, not a 15-minute AKUT deadline.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero), record.AcknowledgeBy);
    }

    [Fact]
    public async Task DangerYes_Shows112BeforeAnyOtherQuestion()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Any)
            .Send(Type(adapter, "ja"))
            .AssertReply(reply =>
            {
                Assert.Equal("Vid akut fara: ring 112", FirstText(reply));
                Assert.Contains("Ring 112", Texts(reply), StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task OfficialReportingThemself_GetsTheirSecurityOfficersAndAWayToShare_AndNoAdvisersButton()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await UpToWhen(new TestFlow(adapter, bot.Handler), adapter, what: "online-hate", channel: "social-media", targets: "official", markers: "none")
            .Send(Click(adapter, "answer", "when", "today")).AssertReply(Any)
            .Send(Click(adapter, "answer", "organisation", "Exempelby kommun")).AssertReply(Any)
            .Send(Click(adapter, "answer", "reporter-role", "elected-official")).AssertReply(Any)
            .Send(Click(adapter, "answer", "wellbeing", "coping")).AssertReply(Any)
            .Send(Click(adapter, "answer", "consent", "yes")).AssertReply(Any)
            .Send(Click(adapter, "answer", "description", string.Empty))
            .AssertReply(reply =>
            {
                var text = Texts(reply);
                Assert.Contains("Du som själv är förtroendevald", text, StringComparison.Ordinal);
                Assert.Contains("partiets säkerhetsansvariga", text, StringComparison.Ordinal);
                Assert.Contains("Dela med säkerhetsansvariga", ButtonTitles(reply));
                Assert.DoesNotContain(ButtonTitles(reply), b => b.Contains("rådgivare", StringComparison.Ordinal));
            })
            .Send(Click(adapter, "sharecase", null, "HH-2026-0001"))
            .AssertReply(reply =>
            {
                Assert.Contains("att visa för säkerhetsansvariga", Texts(reply), StringComparison.Ordinal);
                Assert.Contains("Näthat", Texts(reply), StringComparison.Ordinal);
            })
            // A forged or old escalate click gets the same answer: not to the advisers.
            .Send(Click(adapter, "escalate", null, "HH-2026-0001"))
            .AssertReply(reply => Assert.Contains("ger råd till organisationen, inte till enskilda förtroendevalda", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();

        Assert.Empty(bot.Escalations.Submitted);
    }

    [Fact]
    public async Task CentralGovernment_GetsSapoAndTheRiksdagOrGovernmentOffices_NoMunicipalityQuestion_NoAdvisers()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await UpToWhen(new TestFlow(adapter, bot.Handler), adapter, targets: "central", channel: "meeting", markers: "none")
            .Send(Click(adapter, "answer", "when", "yesterday")).AssertReply(reply => Assert.Contains("Vilken är din roll?", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "answer", "reporter-role", "security-officer")).AssertReply(Any)
            .Send(Click(adapter, "answer", "wellbeing", "coping")).AssertReply(Any)
            .Send(Click(adapter, "answer", "consent", "yes")).AssertReply(Any)
            .Send(Click(adapter, "answer", "description", string.Empty))
            .AssertReply(reply =>
            {
                var text = Texts(reply);
                Assert.Contains("Säkerhetspolisen", text, StringComparison.Ordinal);
                Assert.Contains("Riksdagsförvaltningens säkerhetsenhet", text, StringComparison.Ordinal);
                Assert.Contains("Regeringskansliet", text, StringComparison.Ordinal);
                Assert.DoesNotContain(ButtonTitles(reply), b => b.Contains("rådgivare", StringComparison.Ordinal));
            })
            .StartTestAsync();

        Assert.Empty(((InMemoryCaseStore)bot.Cases).Saved);
    }

    [Theory]
    [InlineData("sv-SE", "arbetsmiljöansvar", "skyddsombud", "17 kap. 1 §", "Inget har sparats")]
    [InlineData("en-GB", "work-environment duty", "skyddsombud", "ch. 17 s. 1", "Nothing has been saved")]
    public async Task EmployeeOnly_GetsTheHonestOutOfScopeAnswer_AndNothingIsStored(string locale, string duty, string representative, string law, string notSaved)
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter(locale);
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, locale == "sv-SE" ? "rapportera" : "report")).AssertReply(Any)
            .Send(Click(adapter, "answer", "danger", "no")).AssertReply(Any)
            .Send(Click(adapter, "answer", "what", "threat")).AssertReply(Any)
            .Send(Click(adapter, "answer", "channel", "in-person")).AssertReply(Any)
            .Send(Click(adapter, "answer", "targets", "employee"))
            .AssertReply(reply =>
            {
                var text = Texts(reply);
                Assert.Contains("112", FirstText(reply), StringComparison.Ordinal);
                Assert.Contains(duty, text, StringComparison.Ordinal);
                Assert.Contains(representative, text, StringComparison.Ordinal);
                Assert.Contains(law, text, StringComparison.Ordinal);
                Assert.Contains(notSaved, text, StringComparison.Ordinal);
            })
            .StartTestAsync();

        Assert.Empty(((InMemoryCaseStore)bot.Cases).Saved);
    }

    [Fact]
    public async Task EscalatingWithADescription_SaysWhatTheAdvisersSeeAndAsksToLeaveOutNames_ThenSendsOnConfirm()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await UpToWhen(new TestFlow(adapter, bot.Handler), adapter)
            .Send(Click(adapter, "answer", "when", "today")).AssertReply(Any)
            .Send(Click(adapter, "answer", "organisation", "Exempelby kommun")).AssertReply(Any)
            .Send(Click(adapter, "answer", "reporter-role", "security-officer")).AssertReply(Any)
            .Send(Click(adapter, "answer", "wellbeing", "worried")).AssertReply(Any)
            .Send(Click(adapter, "answer", "consent", "not-yet"))
            .AssertReply(reply => Assert.Contains("visas för SKR:s rådgivare", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "answer", "description", "Brev hem med hot mot barnen")).AssertReply(Any)
            .Send(Click(adapter, "escalate", null, "HH-2026-0001"))
            .AssertReply(reply =>
            {
                var text = Texts(reply);
                Assert.Contains("Beskrivningen du skrev visas för SKR:s rådgivare", text, StringComparison.Ordinal);
                Assert.Contains("namn, adresser eller något om barn", text, StringComparison.Ordinal);
                Assert.Contains("Fråga hen först", text, StringComparison.Ordinal);
                Assert.Contains("ingen akuttjänst", text, StringComparison.Ordinal);
            })
            .StartTestAsync();
        Assert.Empty(bot.Escalations.Submitted);

        await new TestFlow(adapter, bot.Handler)
            .Send(Click(adapter, "escalateconfirmed", null, "HH-2026-0001"))
            .AssertReply(reply => Assert.Contains("är skickat till SKR", Texts(reply), StringComparison.Ordinal))
            // Once sent, the button says so instead of asking again.
            .Send(Click(adapter, "escalate", null, "HH-2026-0001"))
            .AssertReply(reply => Assert.Contains("är redan skickat till SKR (status: Nytt)", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();
        Assert.Single(bot.Escalations.Submitted);
    }

    [Fact]
    public void EverySource_IsADeepLinkNotABareDomain()
    {
        var urls = GuidanceContent.Default.Actions.Select(a => (a.Id, a.Source.Url))
            .Concat(ChecklistContent.Default.Checklists.SelectMany(c => c.Items).Select(i => (i.Id, i.Source.Url)))
            .Concat(UrgencyClassifier.Rules.Select(r => (r.Id, r.Source.Url)));

        Assert.All(urls, u => Assert.True(
            Uri.TryCreate(u.Url, UriKind.Absolute, out var url) && url.Scheme == "https" && url.AbsolutePath.Trim('/').Length > 0,
            $"{u.Id}: '{u.Url}' is not a deep https link"));
    }

    [Fact]
    public void Texts_NeverHardCodeTheOldName_AndTakeTheConfiguredOne()
    {
        // What people read (source names of SKL's own 2018 publications in checklists.json may keep the name they were published under).
        foreach (var file in new[] { "strings.sv.json", "strings.en.json", "triage.json", "guidance.json", "urgency.json" })
        {
            var content = File.ReadAllText(Path.Combine(RepoPaths.Root, "dialogs", "content", file));
            Assert.DoesNotMatch(@"\bSKL\b", System.Text.RegularExpressions.Regex.Replace(content, @"""\$comment"": ""[^""]*""", string.Empty));
        }

        var configured = TextCatalog.Default.WithOrganisation("Exempelförbundet", string.Empty);
        Assert.Contains("Exempelförbundet:s rådgivare", configured.Get(UserLanguage.Swedish, "guidance.buttons.escalate"), StringComparison.Ordinal);
        Assert.Contains("SKR (tidigare SKL)", TextCatalog.Default.Get(UserLanguage.Swedish, "escalation.intro"), StringComparison.Ordinal);
        Assert.Contains("SKR (formerly SKL)", TextCatalog.Default.Get(UserLanguage.English, "escalation.intro"), StringComparison.Ordinal);
    }
}

using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Tests.Triage;

/// <summary>The triage dialog end to end through the SDK's TestAdapter: clicking, typing, interruptions, state.</summary>
public sealed class TriageDialogTests
{
    private readonly MemoryStorage _storage = new();

    internal static TestAdapter Adapter(string locale = "sv-SE", string tenant = TestTenants.A)
    {
        var reference = TestAdapter.CreateConversation("triage-test").InTenant(tenant);
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = "personal";
        reference.User.AadObjectId = "aad-reporter-1";
        return new TestAdapter(reference) { Locale = locale };
    }

    internal static Activity Click(TestAdapter adapter, string verb, string? step, string? value)
    {
        var activity = adapter.MakeActivity();
        activity.Text = null;
        activity.From.AadObjectId = "aad-reporter-1";
        var payload = new JObject { ["verb"] = verb };
        if (step is not null)
        {
            payload["step"] = step;
        }

        if (value is not null)
        {
            payload["value"] = value;
        }

        activity.Value = payload;
        return activity;
    }

    internal static Activity Type(TestAdapter adapter, string text)
    {
        var activity = adapter.MakeActivity(text);
        activity.From.AadObjectId = "aad-reporter-1";
        return activity;
    }

    internal static string Texts(IActivity activity)
    {
        var message = (IMessageActivity)activity;
        var card = JObject.FromObject(message.Attachments[0].Content);
        return string.Join("\n", card.Descendants().OfType<JProperty>()
            .Where(p => p.Name is "text" or "title" or "label")
            .Select(p => p.Value.ToString()));
    }

    internal static string FirstText(IActivity activity)
    {
        var card = JObject.FromObject(((IMessageActivity)activity).Attachments[0].Content);
        return card.Descendants().OfType<JObject>().First(o => (string?)o["type"] == "TextBlock")["text"]!.ToString();
    }

    private static Action<IActivity> Asks(string prompt) => reply =>
    {
        Assert.Contains(prompt, Texts(reply), StringComparison.Ordinal);
        Assert.Contains("112", FirstText(reply), StringComparison.Ordinal);
    };

    private static TestFlow ClickThroughHighThreat(TestFlow flow, TestAdapter adapter, string reporterRole = "security-officer") => flow
        .Send(Type(adapter, "rapportera")).AssertReply(Asks("Är någon i omedelbar fara just nu?"))
        .Send(Click(adapter, "answer", "danger", "no")).AssertReply(Asks("Vad har hänt?"))
        .Send(Click(adapter, "answer", "what", "threat")).AssertReply(Asks("Hur eller var hände det?"))
        .Send(Click(adapter, "answer", "channel", "email")).AssertReply(Asks("Vem är utsatt?"))
        .Send(Click(adapter, "answer", "targets", "official")).AssertReply(Asks("Stämmer något av detta?"))
        .Send(Click(adapter, "answer", "markers", "weapons")).AssertReply(Asks("Har personen utsatts tidigare?"))
        .Send(Click(adapter, "answer", "repeated", "no")).AssertReply(Asks("Är händelsen redan polisanmäld?"))
        .Send(Click(adapter, "answer", "reported", "no")).AssertReply(Asks("Har det samband med uppdraget"))
        .Send(Click(adapter, "answer", "role", "yes")).AssertReply(Asks("När hände det?"))
        .Send(Click(adapter, "answer", "when", "yesterday")).AssertReply(Asks("Vilken är din roll?"))
        .Send(Click(adapter, "answer", "reporter-role", reporterRole)).AssertReply(Asks("Hur mår den som är utsatt?"))
        .Send(Click(adapter, "answer", "wellbeing", "worried")).AssertReply(Asks("är hen med på att ni ber om råd utanför organisationen"))
        .Send(Click(adapter, "answer", "consent", "yes")).AssertReply(Asks("beskriva kort"));

    [Fact]
    public async Task Triage_ClickedThrough_SavesCaseAndShowsGuidanceWithCaseNumber()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await ClickThroughHighThreat(new TestFlow(adapter, bot.Handler), adapter)
            .Send(Click(adapter, "answer", "description", "Hotfullt mejl med [länk](https://evil.example)"))
            .AssertReply(reply =>
            {
                var text = Texts(reply);
                Assert.Equal("Vid akut fara: ring 112", FirstText(reply));
                Assert.Contains("Ärende HH-2026-0001", text, StringComparison.Ordinal);
                Assert.Contains("HÖG", text, StringComparison.Ordinal);
                Assert.Contains("114 14", text, StringComparison.Ordinal);
                Assert.Contains("förtroendevald", text, StringComparison.Ordinal);
                Assert.Contains("går inte att lova", text, StringComparison.Ordinal);
                Assert.Contains("Spara e-post", text, StringComparison.Ordinal);
                Assert.Contains("116 006", text, StringComparison.Ordinal);
                Assert.Contains("Stödet till den utsatta ges lokalt", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Säkerhetspolisen", text, StringComparison.Ordinal);
                Assert.DoesNotContain("inte ett brott", text, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("Be SKR:s rådgivare om råd", text, StringComparison.Ordinal);
                Assert.Contains("ingen akuttjänst", text, StringComparison.Ordinal);
                Assert.DoesNotContain("SKL:s", text, StringComparison.Ordinal);
                Assert.Contains("Visa checklista", text, StringComparison.Ordinal);
                Assert.Contains("Mina ärenden", text, StringComparison.Ordinal);
            })
            .StartTestAsync();

        var saved = Assert.Single(((InMemoryCaseStore)bot.Cases).Saved);
        Assert.Equal((TestTenants.CodeA, "Uppsala kommun", TestTenants.A), (saved.OrganisationKey, saved.OrganisationName, saved.TenantId));
        Assert.Equal("aad-reporter-1", saved.ReporterId);
        Assert.Equal(SupportBot.Dialogs.Triage.Urgency.Hog, saved.Urgency);
        Assert.Equal("weapons", saved.Answers["markers"]);
    }

    [Fact]
    public async Task Triage_TypedAnswersInEnglish_WorkWithNumbersAndWords()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter("en-US", TestTenants.B);
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "report")).AssertReply(Asks("Is anyone in immediate danger right now?"))
            .Send(Type(adapter, "no")).AssertReply(Asks("What has happened?"))
            .Send(Type(adapter, "3")).AssertReply(Asks("How or where did it happen?"))
            .Send(Type(adapter, "social media")).AssertReply(Asks("Who is targeted?"))
            .Send(Type(adapter, "1")).AssertReply(Asks("Does any of this apply?"))
            .Send(Type(adapter, "none")).AssertReply(Asks("Has the person been targeted before?"))
            .Send(Type(adapter, "no")).AssertReply(Asks("already been reported"))
            .Send(Type(adapter, "don't know")).AssertReply(Asks("linked to the role"))
            .Send(Type(adapter, "yes")).AssertReply(Asks("When did it happen?"))
            .Send(Type(adapter, "2026-11-20")).AssertReply(reply =>
            {
                // A tenant with two organisations: both as buttons, nothing else to choose from.
                Asks("Which municipality or region")(reply);
                Assert.Contains("Ale kommun", Texts(reply), StringComparison.Ordinal);
                Assert.Contains("Lerums kommun", Texts(reply), StringComparison.Ordinal);
            })
            .Send(Type(adapter, "Lerum")).AssertReply(Asks("What is your role?"))
            .Send(Type(adapter, "2")).AssertReply(Asks("How is the person who was targeted doing?"))
            .Send(Type(adapter, "1")).AssertReply(Asks("do they agree"))
            .Send(Type(adapter, "1")).AssertReply(Asks("describe briefly"))
            .Send(Type(adapter, "skip"))
            .AssertReply(reply =>
            {
                var text = Texts(reply);
                Assert.Equal("In immediate danger: call 112", FirstText(reply));
                Assert.Contains("Case HH-2026-0001", text, StringComparison.Ordinal);
                Assert.Contains("NORMAL", text, StringComparison.Ordinal);
                Assert.Contains("take screenshots", text, StringComparison.Ordinal);
                Assert.Contains("Report to the police as soon as possible", text, StringComparison.Ordinal);
                Assert.Contains("Ask SKR's advisers for advice", text, StringComparison.Ordinal);
                Assert.Contains("not an emergency service", text, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    private static Activity PastedImage(TestAdapter adapter)
    {
        // What Teams sends for a screenshot pasted into the chat: no text, an image attachment and its HTML.
        var activity = adapter.MakeActivity();
        activity.Text = string.Empty;
        activity.From.AadObjectId = "aad-reporter-1";
        activity.Attachments =
        [
            new Attachment { ContentType = "image/*", ContentUrl = "https://smba.example/v3/attachments/secret-screenshot/views/original" },
            new Attachment { ContentType = "text/html", Content = "<div><div><span><img src=\"https://smba.example/v3/attachments/secret-screenshot/views/original\"></span></div></div>" },
        ];
        return activity;
    }

    /// <summary>Neither a misread-answer message nor the end of the report after too many misses.</summary>
    private static Action<IActivity> AsksWithoutMisread(string prompt) => reply =>
    {
        Asks(prompt)(reply);
        var text = Texts(reply);
        Assert.DoesNotContain("Jag kände inte igen svaret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Svara ja eller nej", text, StringComparison.Ordinal);
    };

    [Fact]
    public async Task Triage_TypedWithEverydayWordsTyposAndAPastedImage_FinishesWithoutAMisreadAnswer()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("Är någon i omedelbar fara just nu?"))
            .Send(Type(adapter, "nä")).AssertReply(AsksWithoutMisread("Vad har hänt?"))
            .Send(Type(adapter, "nähat")).AssertReply(AsksWithoutMisread("Hur eller var hände det?"))
            .Send(PastedImage(adapter))
            .AssertReply(reply =>
            {
                Assert.Contains("Spara originalet", Texts(reply), StringComparison.Ordinal);
                Assert.Contains("Jag lagrar inga bilder", Texts(reply), StringComparison.Ordinal);
            })
            .AssertReply(AsksWithoutMisread("Hur eller var hände det?"))
            .Send(Type(adapter, "socila medier")).AssertReply(AsksWithoutMisread("Vem är utsatt?"))
            .Send(Type(adapter, "ett")).AssertReply(AsksWithoutMisread("Stämmer något av detta?"))
            .Send(Type(adapter, "upprepd")).AssertReply(AsksWithoutMisread("Har personen utsatts tidigare?"))
            .Send(Type(adapter, "japp")).AssertReply(AsksWithoutMisread("Är händelsen redan polisanmäld?"))
            .Send(Type(adapter, "nej tack")).AssertReply(AsksWithoutMisread("Har det samband med uppdraget"))
            .Send(Type(adapter, "jo")).AssertReply(AsksWithoutMisread("När hände det?"))
            .Send(Type(adapter, "igåår")).AssertReply(AsksWithoutMisread("Vilken är din roll?"))
            .Send(Type(adapter, "säkerhetsansvarg")).AssertReply(AsksWithoutMisread("Hur mår den som är utsatt?"))
            .Send(Type(adapter, "orolig")).AssertReply(AsksWithoutMisread("är hen med på att ni ber om råd"))
            .Send(Type(adapter, "japp")).AssertReply(AsksWithoutMisread("beskriva kort"))
            .Send(Type(adapter, "hoppa över"))
            .AssertReply(reply => Assert.Contains("HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();

        var saved = Assert.Single(((InMemoryCaseStore)bot.Cases).Saved);
        Assert.DoesNotContain("secret-screenshot", Newtonsoft.Json.JsonConvert.SerializeObject(saved), StringComparison.Ordinal);
        var state = Newtonsoft.Json.JsonConvert.SerializeObject(await _storage.ReadAsync([$"msteams/conversations/triage-test"], CancellationToken.None));
        Assert.DoesNotContain("secret-screenshot", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastedImage_OutsideATriage_IsAcknowledgedWithTheEvidenceAdvice()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter("en-US");
        await new TestFlow(adapter, bot.Handler)
            .Send(PastedImage(adapter))
            .AssertReply(reply =>
            {
                Assert.Contains("Keep the original", Texts(reply), StringComparison.Ordinal);
                Assert.Contains("I store no images", Texts(reply), StringComparison.Ordinal);
            })
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Triage_DangerYes_Shows112FirstThenContinuesWhenAsked()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Click(adapter, "answer", "danger", "yes"))
            .AssertReply(reply =>
            {
                Assert.Equal("Vid akut fara: ring 112", FirstText(reply));
                Assert.Contains("Vill du fortsätta rapporten", Texts(reply), StringComparison.Ordinal);
            })
            .Send(Click(adapter, "command", null, "continue")).AssertReply(Asks("Vad har hänt?"))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("akut")]
    [InlineData("112")]
    [InlineData("fara")]
    [InlineData("AKUT!")]
    public async Task Triage_EmergencyWordMidFlow_Shows112ThenResumesSameQuestion(string word)
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "nej")).AssertReply(Asks("Vad har hänt?"))
            .Send(Type(adapter, "1")).AssertReply(Asks("Hur eller var hände det?"))
            .Send(Type(adapter, word)).AssertReply(reply => Assert.Equal("Vid akut fara: ring 112", FirstText(reply)))
            .Send(Type(adapter, "fortsätt")).AssertReply(Asks("Hur eller var hände det?"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Triage_HelpAfterThe112Card_ReturnsToTheQuestion()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "nej")).AssertReply(Asks("Vad har hänt?"))
            .Send(Type(adapter, "akut")).AssertReply(reply => Assert.Equal("Vid akut fara: ring 112", FirstText(reply)))
            .Send(Type(adapter, "hjälp")).AssertReply(Asks("Välj allt som stämmer"))
            .Send(Type(adapter, "1")).AssertReply(Asks("Hur eller var hände det?"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Triage_BackCancelRestartHelp_DoWhatTheySay()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "tillbaka")).AssertReply(Asks("Det här är första frågan."))
            .Send(Type(adapter, "nej")).AssertReply(Asks("Vad har hänt?"))
            .Send(Type(adapter, "hjälp")).AssertReply(Asks("Välj allt som stämmer"))
            .Send(Type(adapter, "1")).AssertReply(Asks("Hur eller var hände det?"))
            .Send(Type(adapter, "tillbaka")).AssertReply(Asks("Vad har hänt?"))
            .Send(Type(adapter, "börja om")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "avbryt")).AssertReply(reply => Assert.Contains("inget har sparats", Texts(reply), StringComparison.Ordinal))
            .Send(Type(adapter, "nej")).AssertReply(reply => Assert.Contains("Jag förstod inte det", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();
        Assert.Empty(((InMemoryCaseStore)bot.Cases).Saved);
    }

    [Fact]
    public async Task Escalate_OutsideOfficeHours_SaysSoAtOnceWith112And11414()
    {
        // Saturday 2026-11-28 10:00 UTC: the advisers' office is closed.
        var bot = new TestBot(_storage, time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero)));
        var adapter = Adapter();
        await ClickThroughHighThreat(new TestFlow(adapter, bot.Handler), adapter)
            .Send(Type(adapter, "hoppa över")).AssertReply(reply => Assert.Contains("HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "escalate", null, "HH-2026-0001")).AssertReply(reply =>
            {
                var text = Texts(reply);
                Assert.Contains("utanför SKR:s kontorstid (mån–fre 08.00–17.00)", text, StringComparison.Ordinal);
                Assert.Contains("112", text, StringComparison.Ordinal);
                Assert.Contains("114 14", text, StringComparison.Ordinal);
            })
            .StartTestAsync();

        var (record, notified) = Assert.Single(bot.Escalations.Submitted);
        Assert.Equal("safety", record.PrimaryAdviser);
        Assert.Equal("threats-hate-violence", record.BackupAdviser);
        Assert.Equal(["safety"], notified);
    }

    [Fact]
    public async Task Escalate_RightAfterTheGuidance_TakesTheCaseFromTheStateAndReadsItOnlyAfterANewTriageStarted()
    {
        var cases = new ReadCountingCaseStore();
        var bot = new TestBot(_storage, cases);
        var adapter = Adapter();
        await ClickThroughHighThreat(new TestFlow(adapter, bot.Handler), adapter)
            .Send(Type(adapter, "hoppa över")).AssertReply(reply => Assert.Contains("HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "escalate", null, "HH-2026-0001")).AssertReply(reply => Assert.Contains("HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();
        Assert.Equal(0, cases.ReporterReads);
        Assert.Single(bot.Escalations.Submitted);

        // A new triage does not carry the last case in every turn's state: asking about it now reads it.
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "avbryt")).AssertReply(reply => Assert.Contains("inget har sparats", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "escalate", null, "HH-2026-0001")).AssertReply(reply => Assert.Contains("HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();
        Assert.Equal(1, cases.ReporterReads);
        Assert.Single(bot.Escalations.Submitted);
    }

    [Fact]
    public async Task Escalate_SomeoneElsesNumberRightAfterTheGuidance_IsNotTakenFromTheState()
    {
        var cases = new ReadCountingCaseStore();
        var bot = new TestBot(_storage, cases);
        var adapter = Adapter();
        await ClickThroughHighThreat(new TestFlow(adapter, bot.Handler), adapter)
            .Send(Type(adapter, "hoppa över")).AssertReply(reply => Assert.Contains("HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "escalate", null, "HH-2026-0002")).AssertReply(_ => { })
            .StartTestAsync();
        Assert.Equal(1, cases.ReporterReads);
        Assert.Empty(bot.Escalations.Submitted);
    }

    /// <summary>The in-memory case store, counting how often a reporter's case is read.</summary>
    private sealed class ReadCountingCaseStore : ICaseStore
    {
        private readonly InMemoryCaseStore _inner = new();
        private int _reporterReads;

        public int ReporterReads => Volatile.Read(ref _reporterReads);

        public Task<CaseRecord> CreateAsync(NewCase newCase, CancellationToken cancellationToken) => _inner.CreateAsync(newCase, cancellationToken);

        public Task<CaseRecord> CreateAsync(NewCase newCase, Func<CaseRecord, CancellationToken, Task> alongside, CancellationToken cancellationToken) =>
            _inner.CreateAsync(newCase, alongside, cancellationToken);

        public Task<IReadOnlyList<CaseRecord>> ListByReporterAsync(string reporterId, CancellationToken cancellationToken) => _inner.ListByReporterAsync(reporterId, cancellationToken);

        public Task<CaseRecord?> GetForReporterAsync(string reporterId, string caseNumber, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reporterReads);
            return _inner.GetForReporterAsync(reporterId, caseNumber, cancellationToken);
        }

        public Task<CaseRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken) => _inner.GetAsync(organisationKey, caseNumber, cancellationToken);
    }

    [Fact]
    public async Task Triage_ThreeMisreadAnswers_KeepTheAnswersAndOfferTheButtons()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "nej")).AssertReply(Asks("Vad har hänt?"))
            .Send(Type(adapter, "1")).AssertReply(Asks("Hur eller var hände det?"))
            .Send(Type(adapter, "kanske")).AssertReply(Asks("Välj ett eller flera alternativ"))
            .Send(Type(adapter, "hmm")).AssertReply(Asks("Välj ett eller flera alternativ"))
            .Send(Type(adapter, "jaha"))
            .AssertReply(reply =>
            {
                Assert.Equal("Vid akut fara: ring 112", FirstText(reply));
                Assert.Contains("Dina svar hittills finns kvar", Texts(reply), StringComparison.Ordinal);
                Assert.Contains("Hur eller var hände det?", Texts(reply), StringComparison.Ordinal);
                Assert.DoesNotContain("Inget har sparats", Texts(reply), StringComparison.Ordinal);
            })
            // The earlier answers are still there: the next answer moves on instead of starting again.
            .Send(Click(adapter, "answer", "channel", "email")).AssertReply(Asks("Vem är utsatt?"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Triage_ClickOnAnOlderQuestion_ShowsTheCurrentOne()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Click(adapter, "answer", "danger", "no")).AssertReply(Asks("Vad har hänt?"))
            .Send(Click(adapter, "answer", "danger", "yes")).AssertReply(Asks("Den frågan är redan besvarad"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Triage_PreventionBranch_SkipsIncidentQuestions()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "nej")).AssertReply(Asks("Vad har hänt?"))
            .Send(Click(adapter, "answer", "what", "prevention")).AssertReply(Asks("När hände det?"))
            .Send(Click(adapter, "answer", "when", "upcoming")).AssertReply(Asks("Vilken är din roll?"))
            .Send(Type(adapter, "tillbaka")).AssertReply(Asks("När hände det?"))
            .Send(Click(adapter, "answer", "when", "upcoming")).AssertReply(Asks("Vilken är din roll?"))
            // Nobody has been exposed yet: no question about how the person is doing or their consent.
            .Send(Type(adapter, "kanslichef")).AssertReply(Asks("beskriva kort"))
            .Send(Type(adapter, "hoppa över"))
            .AssertReply(reply =>
            {
                Assert.Contains("FÖREBYGGANDE", Texts(reply), StringComparison.Ordinal);
                Assert.Contains("fem riskfrågorna", Texts(reply), StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Triage_BotRestartedMidFlow_ResumesAtTheSameQuestion()
    {
        var adapter = Adapter();
        await new TestFlow(adapter, new TestBot(_storage).Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "nej")).AssertReply(Asks("Vad har hänt?"))
            .StartTestAsync();

        // A new bot over the same storage: nothing in memory survives, the state does.
        await new TestFlow(adapter, new TestBot(_storage).Handler)
            .Send(Type(adapter, "2")).AssertReply(Asks("Hur eller var hände det?"))
            .StartTestAsync();
    }

    [Fact]
    public async Task Triage_IdleLongerThanConfigured_AsksResumeOrStartOver()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "nej")).AssertReply(Asks("Vad har hänt?"))
            .Delay(1)
            .StartTestAsync();

        bot.Time.Advance(TimeSpan.FromMinutes(31));
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "1")).AssertReply(Asks("Vill du fortsätta där du var eller börja om?"))
            .Send(Type(adapter, "fortsätt")).AssertReply(Asks("Vad har hänt?"))
            .StartTestAsync();
    }

    [Fact]
    public async Task MyCases_AfterATriage_ListsTheCaseAndOpensIt()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter();
        await ClickThroughHighThreat(new TestFlow(adapter, bot.Handler), adapter)
            .Send(Type(adapter, "hoppa över")).AssertReply(reply => Assert.Contains("HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            .Send(Type(adapter, "mina ärenden")).AssertReply(reply => Assert.Contains("HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "opencase", null, "HH-2026-0001")).AssertReply(reply => Assert.Contains("Ärende HH-2026-0001", Texts(reply), StringComparison.Ordinal))
            // A threat by e-mail: the interactive checklists "after", "evidence", "support" and "organisation", one card each.
            .Send(Click(adapter, "checklist", null, "HH-2026-0001"))
            .AssertReply(reply => Assert.Contains("Om något händer / efteråt", Texts(reply), StringComparison.Ordinal))
            .AssertReply(reply => Assert.Contains("Bevissäkring", Texts(reply), StringComparison.Ordinal))
            .AssertReply(reply => Assert.Contains("Stöd och anhöriga", Texts(reply), StringComparison.Ordinal))
            .AssertReply(reply => Assert.Contains("Organisation och förberedelser", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "escalate", null, "HH-2026-0001")).AssertReply(reply =>
            {
                var text = Texts(reply);
                Assert.Equal("Vid akut fara: ring 112", FirstText(reply));
                Assert.Contains("Ärende HH-2026-0001 är skickat till SKR", text, StringComparison.Ordinal);
                Assert.Contains("ingen akuttjänst", text, StringComparison.Ordinal);
                Assert.Contains("Till Greta Berg", text, StringComparison.Ordinal);
                Assert.Contains("08-452 79 58", text, StringComparison.Ordinal);
                Assert.DoesNotContain("utanför SKR:s kontorstid", text, StringComparison.Ordinal);
            })
            .Send(Click(adapter, "escalate", null, "HH-2026-0001")).AssertReply(reply =>
                Assert.Contains("är redan skickat till SKR (status: Nytt)", Texts(reply), StringComparison.Ordinal))
            .Send(Click(adapter, "opencase", null, "HH-2026-9999")).AssertReply(reply => Assert.Contains("Jag hittar inget sådant ärende", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task Triage_TenantWithTwoOrganisations_TypedNameOfAnotherOrganisationIsNotAccepted()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter(tenant: TestTenants.B);
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(Asks("omedelbar fara"))
            .Send(Type(adapter, "nej")).AssertReply(Asks("Vad har hänt?"))
            .Send(Click(adapter, "answer", "what", "prevention")).AssertReply(Asks("När hände det?"))
            .Send(Click(adapter, "answer", "when", "upcoming")).AssertReply(Asks("Vilken kommun eller region"))
            .Send(Type(adapter, "Uppsala kommun")).AssertReply(Asks("Vilken kommun eller region"))
            .Send(Click(adapter, "answer", "organisation", TestTenants.CodeA)).AssertReply(Asks("Vilken kommun eller region"))
            .Send(Click(adapter, "answer", "organisation", TestTenants.CodeB2)).AssertReply(Asks("Vilken är din roll?"))
            .Send(Type(adapter, "kanslichef")).AssertReply(Asks("beskriva kort"))
            .Send(Type(adapter, "hoppa över")).AssertReply(reply => Assert.Contains("FÖREBYGGANDE", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();

        var saved = Assert.Single(((InMemoryCaseStore)bot.Cases).Saved);
        Assert.Equal((TestTenants.CodeB2, "Lerums kommun", TestTenants.B), (saved.OrganisationKey, saved.OrganisationName, saved.TenantId));
    }

    [Fact]
    public async Task Report_FromTheAdvisersTenant_SaysThereIsNoOrganisationToReportFor()
    {
        var bot = new TestBot(_storage);
        var adapter = Adapter(tenant: TestTenants.Skr);
        await new TestFlow(adapter, bot.Handler)
            .Send(Type(adapter, "rapportera")).AssertReply(reply => Assert.Contains("inte till någon ansluten kommun eller region", Texts(reply), StringComparison.Ordinal))
            .StartTestAsync();

        Assert.Empty(((InMemoryCaseStore)bot.Cases).Saved);
    }
}

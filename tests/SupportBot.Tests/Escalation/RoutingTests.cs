using System.Text.Json.Nodes;
using SupportBot.Dialogs;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;
using SupportBot.Testing;

namespace SupportBot.Tests.Escalation;

/// <summary>The routing rules of content/routing.json, one row per rule plus the edge cases of issue 5.</summary>
public sealed class RoutingTests
{
    private const string S = AdviserKeys.Safety;
    private const string T = AdviserKeys.ThreatsHateViolence;

    private static readonly Dictionary<string, string> s_names = new()
    {
        [S] = "Greta Berg",
        [T] = "Anna Lena Pogulis",
    };

    /// <summary>Scenario, answers, urgency → primary, backup, both at once, deciding rule.</summary>
    public static TheoryData<string, string, Urgency, string, string?, bool, string> Cases => new()
    {
        // Physical safety, violence, home security, threats with markers → safety; AKUT/HÖG name the other as backup.
        { "immediate danger, even for harassment", "danger=yes;what=harassment;channel=in-person;markers=none", Urgency.Akut, S, T, false, "immediate-danger" },
        { "weapons marker on a threat", "danger=no;what=threat;channel=email;markers=weapons", Urgency.Hog, S, T, false, "violence-markers" },
        { "weapons marker on online hate", "danger=no;what=online-hate;channel=social-media;markers=weapons", Urgency.Hog, S, T, false, "violence-markers" },
        { "weapons among several markers", "danger=no;what=harassment;channel=phone;markers=repeated-contact,weapons", Urgency.Hog, S, T, false, "violence-markers" },
        { "sender knows the home", "danger=no;what=harassment;channel=letter;markers=knows-home", Urgency.Hog, S, T, false, "home-markers" },
        { "someone came to the home", "danger=no;what=other;channel=in-person;markers=came-home", Urgency.Hog, S, T, false, "home-markers" },
        { "home channel", "danger=no;what=online-hate;channel=home;markers=none", Urgency.Hog, S, T, false, "at-home" },
        { "violence", "danger=no;what=violence;channel=meeting;markers=none", Urgency.Hog, S, T, false, "violence" },
        { "damage", "danger=no;what=damage;channel=in-person;markers=none", Urgency.Hog, S, T, false, "damage" },
        { "threat with repeated contact", "danger=no;what=threat;channel=phone;markers=repeated-contact", Urgency.Hog, S, T, false, "threat-with-repeated-contact" },
        { "followed and mapped", "danger=no;what=harassment;channel=in-person;markers=followed-mapped", Urgency.Hog, S, T, false, "home-markers" },
        { "false report to the police (swatting)", "danger=no;what=false-report;channel=authority;markers=none", Urgency.Hog, S, T, false, "false-report" },
        { "harassment at the party office", "danger=no;what=harassment;channel=place;markers=none", Urgency.Normal, S, null, false, "at-premises" },
        { "sexualised deepfake online", "danger=no;what=online-hate;channel=social-media;markers=sexualised", Urgency.Hog, T, S, false, "sexualised" },
        { "other with repeated contact", "danger=no;what=other;channel=phone;markers=repeated-contact", Urgency.Hog, S, T, false, "other-with-repeated-contact" },
        { "safety route at NORMAL has no backup", "danger=no;what=damage;channel=in-person;markers=none", Urgency.Normal, S, null, false, "damage" },

        // Online hate, harassment, improper influence, prevention → threats-hate-violence.
        { "online hate", "danger=no;what=online-hate;channel=social-media;markers=none", Urgency.Normal, T, null, false, "online-hate" },
        { "online hate with repeated contact", "danger=no;what=online-hate;channel=social-media;markers=repeated-contact", Urgency.Hog, T, S, false, "online-hate" },
        { "harassment by e-mail", "danger=no;what=harassment;channel=email;markers=none", Urgency.Normal, T, null, false, "harassment" },
        { "harassment by letter (HÖG)", "danger=no;what=harassment;channel=letter;markers=none", Urgency.Hog, T, S, false, "harassment" },
        { "improper influence", "danger=no;what=improper-influence;channel=meeting;markers=none", Urgency.Normal, T, null, false, "improper-influence" },
        { "prevention", "danger=no;what=prevention;when=upcoming", Urgency.Forebyggande, T, null, false, "prevention" },
        { "prevention, happening now (AKUT)", "danger=no;what=prevention;when=now", Urgency.Akut, T, S, false, "prevention" },
        { "threat without markers", "danger=no;what=threat;channel=email;markers=none", Urgency.Hog, T, S, false, "threat-without-markers" },

        // Unclear → both at once, whatever the urgency.
        { "other without markers", "danger=no;what=other;channel=phone;markers=none", Urgency.Normal, S, T, true, "unclear-other" },
        { "other without markers, happening now", "danger=no;what=other;channel=phone;markers=none;when=now", Urgency.Akut, S, T, true, "unclear-other" },
        { "no answers at all", "", Urgency.Normal, S, T, true, "catch-all" },
        { "other, markers never answered", "danger=no;what=other", Urgency.Normal, S, T, true, "catch-all" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Route_Answers_GivesAdvisersAndReason(string scenario, string answers, Urgency urgency, string primary, string? backup, bool both, string rule)
    {
        var decision = EscalationRouter.Default.Route(Answers(answers), urgency);

        Assert.True(primary == decision.PrimaryAdviser, $"{scenario}: primary {decision.PrimaryAdviser}");
        Assert.True(backup == decision.BackupAdviser, $"{scenario}: backup {decision.BackupAdviser}");
        Assert.True(both == decision.NotifyBothAtOnce, $"{scenario}: both {decision.NotifyBothAtOnce}");
        Assert.True(rule == decision.RuleId, $"{scenario}: rule {decision.RuleId}");
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason.For(UserLanguage.Swedish)), scenario);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason.For(UserLanguage.English)), scenario);
    }

    [Fact]
    public void Cases_CoverEveryRuleOfTheFile()
    {
        var covered = Cases.Select(row => (string)row[^1]).ToHashSet();

        Assert.All(RoutingRules.Default.Rules, rule => Assert.Contains(rule.Id, covered));
    }

    /// <summary>Every combination the triage can produce, with the urgency the classifier gives it.</summary>
    public static TheoryData<string> AllTriageOutcomes()
    {
        var data = new TheoryData<string>();
        string[] whats = ["threat", "harassment", "violence", "damage", "online-hate", "improper-influence", "other"];
        string[] channels = ["in-person", "home", "phone", "letter", "email", "social-media", "meeting"];
        string[] markers = ["weapons", "knows-home", "came-home", "repeated-contact"];
        var markerSets = Enumerable.Range(0, 1 << markers.Length)
            .Select(bits => bits == 0 ? "none" : string.Join(',', markers.Where((_, i) => (bits & (1 << i)) != 0)))
            .ToList();
        foreach (var danger in new[] { "yes", "no" })
        {
            data.Add($"danger={danger};what=prevention;when=upcoming");
            foreach (var what in whats)
            {
                foreach (var channel in channels)
                {
                    data.Add(string.Join('|', markerSets.Select(m => $"danger={danger};what={what};channel={channel};markers={m}")));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTriageOutcomes))]
    public void Route_AnyTriageOutcome_IsRoutedWithBackupExactlyForAkutHogOrUnclear(string cases)
    {
        foreach (var answers in cases.Split('|').Select(Answers))
        {
            var urgency = UrgencyClassifier.Classify(answers);
            var decision = EscalationRouter.Default.Route(answers, urgency);

            Assert.Contains(decision.PrimaryAdviser, AdviserKeys.All);
            var expectsBackup = urgency is Urgency.Akut or Urgency.Hog || decision.NotifyBothAtOnce;
            Assert.Equal(expectsBackup, decision.BackupAdviser is not null);
            Assert.NotEqual(decision.PrimaryAdviser, decision.BackupAdviser);
            Assert.Equal(decision.NotifyBothAtOnce ? 2 : 1, decision.NotifyNow.Count);
            if (answers.Markers.Contains("weapons"))
            {
                Assert.Equal(S, decision.PrimaryAdviser);
            }
        }
    }

    [Fact]
    public void Default_File_Validates()
    {
        var rules = RoutingRules.Default;

        Assert.All(rules.Rules, r => Assert.Contains(r.Adviser, AdviserKeys.All));
        Assert.True(rules.Rules[^1].IsCatchAll);
        Assert.Single(rules.Rules, r => r.IsCatchAll);
        Assert.All(rules.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason.Sv) || string.IsNullOrWhiteSpace(r.Reason.En), r.Id));
        Assert.Equal([Urgency.Hog, Urgency.Akut], rules.BackupUrgencies.Order());
        Assert.Equal(T, rules.BackupOf[S]);
        Assert.Equal(S, rules.BackupOf[T]);
    }

    /// <summary>A content mistake is refused with a message that points at it. Scenario, text to find, replacement, expected message part.</summary>
    public static TheoryData<string, string, string, string> BrokenFiles => new()
    {
        { "unknown adviser", "\"adviser\": \"threats-hate-violence\"", "\"adviser\": \"greta\"", "unknown adviser 'greta'" },
        { "misspelt answer id", "\"online-hate\" ]", "\"online_hate\" ]", "'what' has no answer 'online_hate'" },
        { "unknown step", "\"channel\": [ \"home\" ]", "\"kanal\": [ \"home\" ]", "'kanal' is neither" },
        { "free-text step", "\"channel\": [ \"home\" ]", "\"description\": [ \"home\" ]", "'description' is neither" },
        { "unknown urgency", "\"backupUrgencies\": [ \"AKUT\", \"HOG\" ]", "\"backupUrgencies\": [ \"AKUT\", \"HÖG\" ]", "unknown urgency 'HÖG'" },
        { "misspelt member", "\"notifyBoth\": true", "\"notifyboth\": true", "notifyboth" },
        { "unknown top-level member", "\"backupOf\":", "\"backup\": {}, \"backupOf\":", "unknown member 'backup'" },
        { "backup of itself", "\"safety\": \"threats-hate-violence\"", "\"safety\": \"safety\"", "two different known advisers" },
        { "empty condition", "\"channel\": [ \"home\" ]", "\"channel\": [ ]", "lists no values" },
        { "card line without reason", "\"Till {primary}: {reason}\"", "\"Till {primary}\"", "cardLine.primaryOnly" },
        { "null condition", "\"when\": { \"channel\": [ \"home\" ] }", "\"when\": null", "when" },
        { "missing reason", "\"reason\": { \"sv\": \"skadegörelse", "\"reasonX\": { \"sv\": \"skadegörelse", "reason" },
        { "duplicate rule id", "\"id\": \"damage\"", "\"id\": \"violence\"", "rule id 'violence' is used twice" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Parse_BrokenFile_IsRefused(string scenario, string find, string replace, string expected)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "dialogs", "content", RoutingRules.FileName));
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"{scenario}: '{find}' not in the file");

        var error = Assert.Throws<InvalidDataException>(() => Parse(text.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LastRuleNotCatchAll_IsRefused()
    {
        var json = Embedded();
        var rules = json["rules"]!.AsArray();
        rules[^1]!.AsObject()["when"] = JsonNode.Parse("""{ "what": [ "other" ] }""");

        var error = Assert.Throws<InvalidDataException>(() => RoutingRules.Parse(json, Triage()));

        Assert.Contains("last rule 'catch-all' must have no 'when'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CatchAllBeforeOtherRules_IsRefused()
    {
        var json = Embedded();
        json["rules"]!.AsArray()[0]!.AsObject().Remove("when");

        var error = Assert.Throws<InvalidDataException>(() => RoutingRules.Parse(json, Triage()));

        Assert.Contains("rule 'immediate-danger' matches every case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_UrgencyCondition_Matches()
    {
        var json = Embedded();
        json["rules"]!.AsArray().Insert(0, JsonNode.Parse("""
            { "id": "akut-to-safety", "when": { "urgency": [ "AKUT" ] }, "adviser": "safety", "reason": { "sv": "akut", "en": "urgent" } }
            """));
        var router = new EscalationRouter(RoutingRules.Parse(json, Triage()));
        var onlineHate = Answers("danger=no;what=online-hate;channel=social-media;markers=none");

        Assert.Equal("akut-to-safety", router.Route(onlineHate, Urgency.Akut).RuleId);
        Assert.Equal("online-hate", router.Route(onlineHate, Urgency.Normal).RuleId);
    }

    /// <summary>Urgency, answers, language → the card's routing line.</summary>
    public static TheoryData<Urgency, string, UserLanguage, string> CardLines => new()
    {
        { Urgency.Normal, "what=threat;markers=weapons", UserLanguage.Swedish, "Till Greta Berg: hot med våldsmarkörer — trygghet och säkerhet" },
        { Urgency.Hog, "what=threat;markers=weapons", UserLanguage.Swedish, "Till Greta Berg (reserv: Anna Lena Pogulis): hot med våldsmarkörer — trygghet och säkerhet" },
        { Urgency.Hog, "what=threat;markers=weapons", UserLanguage.English, "To Greta Berg (backup: Anna Lena Pogulis): threat with markers of violence — safety and security" },
        { Urgency.Normal, "what=online-hate;markers=none", UserLanguage.Swedish, "Till Anna Lena Pogulis: näthat — hot, hat och våld mot förtroendevalda" },
        { Urgency.Normal, "what=other;markers=none", UserLanguage.Swedish, "Till Greta Berg och Anna Lena Pogulis: oklart ärende (annat, inga hotmarkörer) — båda rådgivarna" },
        { Urgency.Normal, "what=other;markers=none", UserLanguage.English, "To Greta Berg and Anna Lena Pogulis: unclear case (other, no threat markers) — both advisers" },
    };

    [Theory]
    [MemberData(nameof(CardLines))]
    public void CardLine_Decision_NamesAdvisersAndReason(Urgency urgency, string answers, UserLanguage language, string expected)
    {
        var router = EscalationRouter.Default;
        var decision = router.Route(Answers(answers), urgency);

        Assert.Equal(expected, router.CardLine(decision, s_names, language));
        Assert.Equal(expected, router.CardLine(decision, key => s_names[key], language));
    }

    [Fact]
    public void CardLine_AdviserWithoutName_ShowsKey()
    {
        var router = EscalationRouter.Default;
        var decision = router.Route(Answers("what=online-hate;markers=none"), Urgency.Hog);

        var line = router.CardLine(decision, new Dictionary<string, string> { [T] = "Anna Lena Pogulis" }, UserLanguage.Swedish);

        Assert.StartsWith("Till Anna Lena Pogulis (reserv: safety): ", line, StringComparison.Ordinal);
    }

    private static TriageAnswers Answers(string answers) => new(answers.Length == 0
        ? new Dictionary<string, string>()
        : answers.Split(';').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]));

    private static JsonObject Embedded() => ContentFiles.ReadObject(RoutingRules.FileName);

    private static FlowDefinition Triage() => FlowCatalog.Default[TriageCompletion.TriageFlowId];

    private static RoutingRules Parse(string text) => RoutingRules.Parse(JsonNode.Parse(text)!.AsObject(), Triage());
}

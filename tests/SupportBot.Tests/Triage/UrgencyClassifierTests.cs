using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Tests.Triage;

/// <summary>
/// Urgency and routing for realistic situations, written from the sources named in each row (short names as in
/// shared/design/domain.md: SKR Stöd = "Stöd vid hot, hat och våld", Polisen Skydd = "Skydd för hotade",
/// GbgPH = Göteborgs Stad Politikerhandboken, Brå PTU, BrB = brottsbalken). "—" as adviser: the advisers are not
/// offered at all (the official reports themself, central government, or an employee only).
/// </summary>
public sealed class UrgencyClassifierTests
{
    private const string None = "—";
    private const string Safety = "safety";
    private const string Thv = "threats-hate-violence";

    public static TheoryData<string, string, Urgency, string> Situations => new()
    {
        // 1. SKR Stöd: an ongoing crime is always 112.
        { "SKR Stöd: a man with a knife outside the council chamber, danger now", "danger=yes;what=threat,violence;channel=meeting;targets=official;markers=weapons;reporter-role=security-officer", Urgency.Akut, Safety },
        // 2. SKR Stöd: "Pågår nu" is as urgent as danger yes.
        { "SKR Stöd: someone is banging on the official's front door right now", "danger=no;what=threat;channel=home;targets=official,relatives;markers=came-home;repeated=no;when=now;reporter-role=security-officer", Urgency.Akut, Safety },
        // 3. SKR Stöd: harassment online still in progress at report time is AKUT by the answer given.
        { "SKR Stöd: a crowd is gathering outside the party office now", "danger=no;what=harassment;channel=place;targets=official;markers=none;when=now;reporter-role=municipal-secretary", Urgency.Akut, Safety },
        // 4. Domain (AKUT whatever else is answered): danger yes even when the reporter chose prevention.
        { "Domain: danger yes overrides prevention", "danger=yes;what=prevention;reporter-role=head-of-chancellery", Urgency.Akut, Safety },
        // 5. SKR Trygg som förtroendevald, organisation: before a heated council decision.
        { "SKR Trygg: planning a council meeting on a school closure", "danger=no;what=prevention;when=upcoming;reporter-role=municipal-secretary", Urgency.Forebyggande, Thv },
        // 6. GbgPH efter: an explicit e-mailed threat, no markers.
        { "GbgPH: e-mail 'you will regret this vote'", "danger=no;what=threat;channel=email;targets=official;markers=none;repeated=no;reporter-role=security-officer", Urgency.Hog, Thv },
        // 7. Polisen Skydd: threat with weapons (grovt olaga hot markers) on social media.
        { "Polisen Skydd: post 'I have a rifle and know your routines'", "danger=no;what=threat,online-hate;channel=social-media;targets=official;markers=weapons;reporter-role=security-officer", Urgency.Hog, Safety },
        // 8. Domain HÖG: letter to the home threatening the children (multiple choice: letter + home, official + relatives).
        { "Domain: letter to the home threatening the children", "danger=no;what=threat;channel=letter,home;targets=official,relatives;markers=knows-home;repeated=no;reporter-role=security-officer", Urgency.Hog, Safety },
        // 9. Polisen Skydd: someone has come to the home.
        { "Polisen Skydd: a stranger rang the doorbell asking for the councillor", "danger=no;what=harassment;channel=home;targets=official;markers=came-home;reporter-role=municipal-secretary", Urgency.Hog, Safety },
        // 10. Polisen Skydd (mapping): the official has been followed home and photographed.
        { "Polisen Skydd: followed home from the council meeting and photographed", "danger=no;what=harassment;channel=in-person;targets=official;markers=followed-mapped;reporter-role=security-officer", Urgency.Hog, Safety },
        // 11. Domain HÖG (olaga förföljelse): repeated unwanted contact by phone.
        { "Domain: the same man calls the official's mobile every night", "danger=no;what=harassment;channel=phone;targets=official;markers=repeated-contact;repeated=yes;reporter-role=security-officer", Urgency.Hog, Thv },
        // 12. Brå PTU 2017 (84% repeated): online hate again, no markers: repeated raises to HÖG.
        { "Brå PTU 2017: the third wave of hateful comments this month", "danger=no;what=online-hate;channel=social-media;targets=official;markers=none;repeated=yes;reporter-role=municipal-secretary", Urgency.Hog, Thv },
        // 13. BrB 4:6 c: sexualised deepfake images of the official spread online.
        { "BrB 4:6 c: manipulated sexual images (deepfake) of the councillor shared in a group", "danger=no;what=online-hate;channel=social-media;targets=official;markers=sexualised;repeated=no;reporter-role=security-officer", Urgency.Hog, Thv },
        // 14. BrB 15:7/16:15: swatting — a false report sends police to the home.
        { "BrB: a false report of a shooting sent armed police to the official's home", "danger=no;what=false-report;channel=authority,home;targets=official,relatives;markers=none;reporter-role=security-officer", Urgency.Hog, Safety },
        // 15. BrB: a false report to social services about the official's children.
        { "BrB: an anonymous false report to social services about the councillor's children", "danger=no;what=false-report;channel=authority;targets=official,relatives;markers=knows-home;reporter-role=municipal-secretary", Urgency.Hog, Safety },
        // 16. GbgPH efter: the party office window smashed and painted.
        { "GbgPH: the party office window smashed and sprayed with a slogan", "danger=no;what=damage;channel=place;targets=official;markers=none;reporter-role=security-officer", Urgency.Hog, Safety },
        // 17. GbgPH efter: the official's car scratched at home.
        { "GbgPH: the official's car scratched on the drive at home", "danger=no;what=damage;channel=home;targets=official;markers=none;reporter-role=security-officer", Urgency.Hog, Safety },
        // 18. GbgPH efter: violence at a public meeting.
        { "GbgPH: a councillor pushed over after a public consultation", "danger=no;what=violence;channel=meeting;targets=official;markers=none;wellbeing=hurt;reporter-role=security-officer", Urgency.Hog, Safety },
        // 19. GbgPH efter: a suspicious parcel to the town hall.
        { "GbgPH: a parcel with powder addressed to the chair of the council", "danger=no;what=other;channel=letter;targets=official;markers=none;reporter-role=head-of-chancellery", Urgency.Hog, Safety },
        // 20. Domain scope: a candidate on the ballot gets an explicit threat.
        { "Domain scope: a candidate (not yet elected) threatened in a direct message", "danger=no;what=threat;channel=social-media;targets=candidate;markers=none;reporter-role=security-officer", Urgency.Hog, Thv },
        // 21. Domain scope: a candidate receives insults online.
        { "Domain scope: a candidate insulted in comments", "danger=no;what=online-hate;channel=social-media;targets=candidate;markers=none;repeated=no;reporter-role=municipal-secretary", Urgency.Normal, Thv },
        // 22. SKR Stöd (report everything): insults online without threat.
        { "SKR Stöd: insulting comments under the council's post", "danger=no;what=online-hate;channel=social-media;targets=official;markers=none;repeated=no;reporter-role=municipal-secretary", Urgency.Normal, Thv },
        // 23. SKR Stöd: harassment by e-mail without threat, first time.
        { "SKR Stöd: a rude e-mail to the committee chair", "danger=no;what=harassment;channel=email;targets=official;markers=none;repeated=no;reporter-role=security-officer", Urgency.Normal, Thv },
        // 24. Brå PTU (improper influence): pressure to change a planning decision.
        { "Brå PTU: a developer hints at 'consequences' unless the decision changes", "danger=no;what=improper-influence;channel=meeting;targets=official;markers=none;repeated=no;reporter-role=head-of-chancellery", Urgency.Normal, Thv },
        // 25. Domain: 'Vet inte' never lowers urgency — a threat stays HÖG with unknown answers.
        { "Domain: threat where repeated and reported are not known", "danger=no;what=threat;channel=unknown;targets=official;markers=none;repeated=unknown;reported=unknown;role=unknown;reporter-role=other-staff", Urgency.Hog, Thv },
        // 26. Domain: other, unclear, no markers: both advisers.
        { "Domain: something odd happened, the reporter is unsure what", "danger=no;what=other;channel=in-person;targets=official;markers=none;repeated=no;reporter-role=other-staff", Urgency.Normal, Safety },
        // 27. Domain scope: the exposed official reports themself — their security officers, not the advisers.
        { "Domain scope: the councillor reports a threat to themself", "danger=no;what=threat;channel=email;targets=official;markers=none;reporter-role=elected-official", Urgency.Hog, None },
        // 28. Säpo Personskydd: a member of parliament threatened — Säpo's remit.
        { "Säpo Personskydd: a member of parliament threatened at a town-hall debate", "danger=no;what=threat;channel=meeting;targets=central;markers=none;reporter-role=security-officer", Urgency.Hog, None },
        // 29. Säpo Personskydd: a minister's family targeted online.
        { "Säpo Personskydd: a minister's partner receives hateful messages", "danger=no;what=online-hate;channel=social-media;targets=central,relatives;markers=none;reporter-role=other-staff", Urgency.Normal, None },
        // 30. AFS / BrB 17:1: a civil servant threatened at the reception desk — out of scope.
        { "BrB 17:1: a planning officer threatened at the reception desk", "danger=no;what=threat;channel=in-person;targets=employee", Urgency.Hog, None },
        // 31. AFS: a social worker harassed online — out of scope.
        { "AFS: a social worker harassed online", "danger=no;what=harassment;channel=social-media;targets=employee", Urgency.Normal, None },
        // 32. Domain: a civil servant and the official threatened together: in scope for the official.
        { "Domain: the mayor and her assistant threatened in the same letter", "danger=no;what=threat;channel=letter;targets=official,employee;markers=none;reporter-role=security-officer", Urgency.Hog, Thv },
        // 33. SKR Stöd: relatives of the official targeted because of the role.
        { "SKR Stöd: the councillor's teenage son harassed at school about his mother's vote", "danger=no;what=harassment;channel=in-person;targets=relatives;markers=none;repeated=no;reporter-role=municipal-secretary", Urgency.Normal, Thv },
        // 34. Polisen Skydd: the sender names the children's school.
        { "Polisen Skydd: a post names the school the official's children go to", "danger=no;what=online-hate;channel=social-media;targets=official,relatives;markers=knows-home;reporter-role=security-officer", Urgency.Hog, Safety },
        // 35. Yesterday's insults, not repeated: NORMAL.
        { "SKR Stöd: shouted insults after yesterday's council meeting", "danger=no;what=harassment;channel=meeting;targets=official;markers=none;repeated=no;when=yesterday;reporter-role=municipal-secretary", Urgency.Normal, Thv },
    };

    [Theory]
    [MemberData(nameof(Situations))]
    public void Classify_RealisticSituation_GivesUrgencyAndRouting(string situation, string answers, Urgency expected, string adviser)
    {
        var parsed = new TriageAnswers(Parse(answers));

        Assert.True(expected == UrgencyClassifier.Classify(parsed), $"{situation}: {UrgencyClassifier.Classify(parsed)} by rule {UrgencyClassifier.RuleFor(parsed).Id}");
        if (adviser == None)
        {
            Assert.False(parsed.MayAskAdvisers, situation);
        }
        else
        {
            Assert.True(parsed.MayAskAdvisers, situation);
            Assert.Equal(adviser, EscalationRouter.Default.Route(parsed, expected).PrimaryAdviser);
        }
    }

    [Fact]
    public void Classify_NoAnswersAtAll_IsNormalNotPrevention() =>
        Assert.Equal(Urgency.Normal, UrgencyClassifier.Classify(new TriageAnswers(new Dictionary<string, string>())));

    [Fact]
    public void Rules_EachSaysWhyWithADeepLinkedSource()
    {
        Assert.All(UrgencyClassifier.Rules, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Why.Sv), rule.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Why.En), rule.Id);
            Assert.True(Uri.TryCreate(rule.Source.Url, UriKind.Absolute, out var url) && url.AbsolutePath.Length > 1, $"{rule.Id}: {rule.Source.Url}");
        });
    }

    [Fact]
    public void Situations_AreAtLeastThirtyAndCoverEveryUrgencyRule()
    {
        var rows = Situations.Select(row => new TriageAnswers(Parse((string)row[1]))).ToList();

        Assert.True(rows.Count >= 30);
        Assert.Equal(UrgencyClassifier.Rules.Select(r => r.Id).Order(), rows.Select(r => UrgencyClassifier.RuleFor(r).Id).Distinct().Order());
    }

    private static Dictionary<string, string> Parse(string answers) =>
        answers.Split(';').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);
}

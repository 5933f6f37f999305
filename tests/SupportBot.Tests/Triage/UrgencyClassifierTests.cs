using SupportBot.Dialogs.Triage;

namespace SupportBot.Tests.Triage;

/// <summary>Every urgency level and the edge cases in domain.md, as a table.</summary>
public sealed class UrgencyClassifierTests
{
    public static TheoryData<string, string, Urgency> Cases => new()
    {
        // AKUT: danger now, or happening now — whatever else was answered.
        { "danger=yes", "danger=yes;what=harassment;channel=social-media;markers=none", Urgency.Akut },
        { "danger=yes even for prevention", "danger=yes;what=prevention", Urgency.Akut },
        { "happening now", "danger=no;what=harassment;channel=in-person;markers=none;when=now", Urgency.Akut },
        // FÖREBYGGANDE: nothing has happened yet.
        { "prevention", "danger=no;what=prevention;when=upcoming", Urgency.Forebyggande },
        // HÖG: explicit threat, violence, damage.
        { "threat", "danger=no;what=threat;channel=email;markers=none", Urgency.Hog },
        { "violence", "danger=no;what=violence;channel=meeting;markers=none", Urgency.Hog },
        { "damage", "danger=no;what=damage;channel=home;markers=none", Urgency.Hog },
        // HÖG: threat markers turn any type high (grovt olaga hot markers, knowledge of home, stalking).
        { "weapons marker", "danger=no;what=harassment;channel=social-media;markers=weapons", Urgency.Hog },
        { "knows home marker", "danger=no;what=online-hate;channel=social-media;markers=knows-home", Urgency.Hog },
        { "came home marker", "danger=no;what=other;channel=in-person;markers=came-home", Urgency.Hog },
        { "repeated contact marker", "danger=no;what=harassment;channel=phone;markers=repeated-contact", Urgency.Hog },
        { "several markers", "danger=no;what=harassment;channel=phone;markers=weapons,knows-home", Urgency.Hog },
        // HÖG: suspicious letter or something at the home.
        { "letter", "danger=no;what=harassment;channel=letter;markers=none", Urgency.Hog },
        { "at home", "danger=no;what=other;channel=home;markers=none", Urgency.Hog },
        // NORMAL: insults, online hate, harassment without explicit threat.
        { "online hate without markers", "danger=no;what=online-hate;channel=social-media;markers=none", Urgency.Normal },
        { "harassment by e-mail", "danger=no;what=harassment;channel=email;markers=none", Urgency.Normal },
        { "improper influence", "danger=no;what=improper-influence;channel=meeting;markers=none", Urgency.Normal },
        { "other", "danger=no;what=other;channel=phone;markers=none", Urgency.Normal },
        // Repeated before alone does not raise the level (it shapes the guidance instead).
        { "repeated before only", "danger=no;what=online-hate;channel=social-media;markers=none;repeated=yes", Urgency.Normal },
        { "yesterday", "danger=no;what=harassment;channel=social-media;markers=none;when=yesterday", Urgency.Normal },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Answers_GivesUrgency(string scenario, string answers, Urgency expected)
    {
        var parsed = answers.Split(';').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);

        Assert.True(expected == UrgencyClassifier.Classify(new TriageAnswers(parsed)), scenario);
    }

    [Fact]
    public void Classify_NoAnswersAtAll_IsNormalNotPrevention() =>
        Assert.Equal(Urgency.Normal, UrgencyClassifier.Classify(new TriageAnswers(new Dictionary<string, string>())));
}

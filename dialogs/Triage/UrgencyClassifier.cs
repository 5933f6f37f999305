namespace SupportBot.Dialogs.Triage;

/// <summary>
/// Decides urgency from triage answers. A pure function, so every rule is covered by a table-driven test.
/// Rules (domain.md): danger now or "happening now" → AKUT; prevention → FÖREBYGGANDE; explicit threat,
/// violence, damage, any threat marker, a letter or parcel, or something at the home → HÖG; otherwise NORMAL.
/// </summary>
public static class UrgencyClassifier
{
    private static readonly HashSet<string> s_highTypes = ["threat", "violence", "damage"];
    private static readonly HashSet<string> s_highChannels = ["letter", "home"];

    public static Urgency Classify(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.InDanger || answers.When == "now")
        {
            return Urgency.Akut;
        }

        if (answers.What == "prevention")
        {
            return Urgency.Forebyggande;
        }

        if ((answers.What is not null && s_highTypes.Contains(answers.What))
            || answers.Markers.Count > 0
            || (answers.Channel is not null && s_highChannels.Contains(answers.Channel)))
        {
            return Urgency.Hog;
        }

        return Urgency.Normal;
    }
}

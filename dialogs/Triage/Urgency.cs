namespace SupportBot.Dialogs.Triage;

/// <summary>How urgent an incident is (domain.md, "Triage: urgency levels"). Codes are ASCII ids; labels come from content.</summary>
public enum Urgency
{
    /// <summary>FÖREBYGGANDE: nothing has happened yet; prevention before a meeting or decision.</summary>
    Forebyggande = 0,

    /// <summary>NORMAL: insults, online hate, harassment without explicit threat.</summary>
    Normal = 1,

    /// <summary>HÖG: explicit threat, violence markers, knowledge of the home, damage, suspicious letter, repeated contact.</summary>
    Hog = 2,

    /// <summary>AKUT: happening now or someone is in immediate danger.</summary>
    Akut = 3,
}

public static class Urgencies
{
    public static string Code(this Urgency urgency) => urgency switch
    {
        Urgency.Akut => "AKUT",
        Urgency.Hog => "HOG",
        Urgency.Normal => "NORMAL",
        _ => "FOREBYGGANDE",
    };

    public static Urgency Parse(string? code) => code switch
    {
        "AKUT" => Urgency.Akut,
        "HOG" => Urgency.Hog,
        "NORMAL" => Urgency.Normal,
        "FOREBYGGANDE" => Urgency.Forebyggande,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown urgency code."),
    };
}

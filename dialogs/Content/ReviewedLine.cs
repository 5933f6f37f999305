using System.Globalization;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Content;

/// <summary>"Granskad december 2026" / "Reviewed December 2026": the latest review of what a card shows.</summary>
public static class ReviewedLine
{
    private static readonly CultureInfo s_swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The line for the latest of <paramref name="reviewed"/>; empty when nothing on the card is stamped.</summary>
    public static string For(TextCatalog texts, IEnumerable<DateOnly> reviewed, UserLanguage language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(reviewed);
        var latest = reviewed.Where(d => d != default).DefaultIfEmpty().Max();
        return latest == default ? string.Empty : TextFormat.Format(texts.Get(language, "subscriptions.reviewed"), ("month", Month(latest, language)));
    }

    /// <summary>The month and year in the language ("december 2026", "December 2026").</summary>
    public static string Month(DateOnly date, UserLanguage language) =>
        date.ToString("MMMM yyyy", language == UserLanguage.English ? s_english : s_swedish);
}

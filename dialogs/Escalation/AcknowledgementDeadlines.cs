using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// How long an adviser has to take a new case, per urgency, counted in office time (<see cref="OfficeCalendar"/>):
/// a span of open time ("00:30" for HÖG) or the end of the next office day. From configuration (Support:Deadlines).
/// </summary>
public sealed class AcknowledgementDeadlines
{
    public const string NextOfficeDay = "next-office-day";

    private readonly OfficeCalendar _calendar;
    private readonly Dictionary<Urgency, TimeSpan?> _within;

    /// <param name="within">Urgency code (AKUT, HOG, NORMAL, FOREBYGGANDE) → a TimeSpan of office time or "next-office-day". Missing codes mean the next office day.</param>
    public AcknowledgementDeadlines(OfficeCalendar calendar, IReadOnlyDictionary<string, string> within)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(within);
        _calendar = calendar;
        var parsed = new Dictionary<Urgency, TimeSpan?>();
        foreach (var (code, value) in within)
        {
            parsed[Urgencies.Parse(code)] = Parse(value) ?? throw new ArgumentException($"Deadline '{value}' for {code} is neither a positive time span nor '{NextOfficeDay}'.", nameof(within));
        }

        _within = parsed;
    }

    public OfficeCalendar Calendar => _calendar;

    /// <summary>
    /// When a case of this urgency escalated (or reminded) at <paramref name="from"/> must have been taken. An AKUT case
    /// has the HÖG deadline: an emergency is for 112 and the organisation's security officer, and the advisers are a
    /// sounding board afterwards, so no shorter deadline may suggest waiting for them (a configured AKUT value is ignored).
    /// </summary>
    public DateTimeOffset DueAt(Urgency urgency, DateTimeOffset from) =>
        _within.TryGetValue(urgency == Urgency.Akut ? Urgency.Hog : urgency, out var span) && span is { } officeTime && officeTime > TimeSpan.Zero
            ? _calendar.AddOfficeTime(from, officeTime)
            : _calendar.EndOfNextOfficeDay(from);

    /// <summary>Validation helper: a positive TimeSpan ("00:30"), or <see cref="NextOfficeDay"/> (read as zero). Null when invalid.</summary>
    public static TimeSpan? Parse(string? value)
    {
        if (string.Equals(value?.Trim(), NextOfficeDay, StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero && span <= TimeSpan.FromDays(30)
            ? span
            : null;
    }
}

using System.Globalization;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// The advisers' office hours: working days, opening and closing time in a time zone, closed on Swedish public
/// holidays and the de facto closed eves (<see cref="SwedishHolidays"/>). Acknowledgement deadlines are counted in
/// open time only. Pure: the caller passes the instant (from <see cref="TimeProvider"/>).
/// </summary>
/// <remarks>
/// All arithmetic is done per local office day and converted to instants through the time zone, so a day on which the
/// clocks change (Europe/Stockholm: last Sunday of March and of October) still opens and closes at local wall-clock time.
/// </remarks>
public sealed class OfficeCalendar
{
    // Far more than the longest run of closed days (a week around Christmas); guards against a calendar that never opens.
    private const int MaxDaysToSearch = 366;

    private readonly TimeZoneInfo _timeZone;
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly TimeOnly _opens;
    private readonly TimeOnly _closes;

    public OfficeCalendar(TimeZoneInfo timeZone, IEnumerable<DayOfWeek> workingDays, TimeOnly opens, TimeOnly closes)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(workingDays);
        _workingDays = [.. workingDays];
        if (_workingDays.Count == 0)
        {
            throw new ArgumentException("At least one working day is needed.", nameof(workingDays));
        }

        if (opens >= closes)
        {
            throw new ArgumentException($"Opening time {opens.ToString(CultureInfo.InvariantCulture)} must be before closing time {closes.ToString(CultureInfo.InvariantCulture)}.", nameof(opens));
        }

        _timeZone = timeZone;
        _opens = opens;
        _closes = closes;
    }

    public TimeZoneInfo TimeZone => _timeZone;

    /// <summary>A working day that is not a holiday or a closed eve.</summary>
    public bool IsOfficeDay(DateOnly date) => _workingDays.Contains(date.DayOfWeek) && !SwedishHolidays.IsClosed(date);

    /// <summary>Open from the opening time (inclusive) to the closing time (exclusive): 08:00 is open, 17:00 is closed.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var (opens, closes) = PeriodEndingAfter(instant);
        return opens <= instant && instant < closes;
    }

    /// <summary>The first instant at or after <paramref name="from"/> when the office is open (<paramref name="from"/> itself if open).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset from)
    {
        var (opens, _) = PeriodEndingAfter(from);
        return InZone(from >= opens ? from : opens);
    }

    /// <summary>
    /// The instant when <paramref name="officeTime"/> of open time has passed after <paramref name="from"/>; closed time
    /// does not count. HÖG 30 minutes from Friday 16:50 is Monday 08:20 (or later after a holiday). A deadline that uses
    /// up a day exactly falls on its closing time.
    /// </summary>
    public DateTimeOffset AddOfficeTime(DateTimeOffset from, TimeSpan officeTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(officeTime, TimeSpan.Zero);
        var cursor = from;
        var remaining = officeTime;
        while (true)
        {
            var (opens, closes) = PeriodEndingAfter(cursor);
            if (cursor < opens)
            {
                cursor = opens;
            }

            var available = closes - cursor;
            if (remaining <= available)
            {
                return InZone(cursor + remaining);
            }

            remaining -= available;
            cursor = closes;
        }
    }

    /// <summary>
    /// The closing time of the first whole office day that starts at or after <paramref name="from"/> ("NORMAL: next office
    /// day"): Tuesday 10:00 → Wednesday 17:00; Friday evening or the weekend → Monday 17:00; Monday 07:30 → Monday 17:00.
    /// </summary>
    public DateTimeOffset EndOfNextOfficeDay(DateTimeOffset from)
    {
        var (opens, closes) = PeriodEndingAfter(from);
        return InZone(from <= opens ? closes : PeriodEndingAfter(closes).Closes);
    }

    /// <summary>The office day's open period that ends after <paramref name="instant"/>: the current one if open, otherwise the next.</summary>
    private (DateTimeOffset Opens, DateTimeOffset Closes) PeriodEndingAfter(DateTimeOffset instant)
    {
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _timeZone).DateTime);
        for (var day = firstDay; day < firstDay.AddDays(MaxDaysToSearch); day = day.AddDays(1))
        {
            if (!IsOfficeDay(day))
            {
                continue;
            }

            var closes = ToInstant(day, _closes);
            if (closes > instant)
            {
                return (ToInstant(day, _opens), closes);
            }
        }

        throw new InvalidOperationException($"The office calendar has no open day within {MaxDaysToSearch} days of {instant.ToString("O", CultureInfo.InvariantCulture)}.");
    }

    /// <summary>A local wall-clock time on a date as an instant in this calendar's time zone.</summary>
    private DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);

        // Autumn: the hour repeats; take its first occurrence (the larger, daylight-saving offset).
        // Spring: the hour does not exist; GetUtcOffset gives the standard offset, i.e. the clocks have already jumped.
        var offset = _timeZone.IsAmbiguousTime(local)
            ? _timeZone.GetAmbiguousTimeOffsets(local).Max()
            : _timeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private DateTimeOffset InZone(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _timeZone);
}

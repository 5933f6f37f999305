using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Tests.Escalation;

/// <summary>Office hours Mon–Fri 08–17 Europe/Stockholm, Swedish holidays, and deadlines counted in open time.</summary>
public sealed class OfficeCalendarTests
{
    private static readonly TimeZoneInfo s_stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private static readonly OfficeCalendar s_calendar = new(
        s_stockholm,
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(17, 0));

    /// <summary>Every closed day of 2026 and 2027, with its name.</summary>
    public static TheoryData<string, string, ClosedDayKind> ClosedDays => new()
    {
        { "2026-01-01", "nyårsdagen", ClosedDayKind.PublicHoliday },
        { "2026-01-06", "trettondedag jul", ClosedDayKind.PublicHoliday },
        { "2026-04-03", "långfredagen", ClosedDayKind.PublicHoliday },
        { "2026-04-05", "påskdagen", ClosedDayKind.PublicHoliday },
        { "2026-04-06", "annandag påsk", ClosedDayKind.PublicHoliday },
        { "2026-05-01", "första maj", ClosedDayKind.PublicHoliday },
        { "2026-05-14", "Kristi himmelsfärdsdag", ClosedDayKind.PublicHoliday },
        { "2026-05-24", "pingstdagen", ClosedDayKind.PublicHoliday },
        { "2026-06-06", "Sveriges nationaldag", ClosedDayKind.PublicHoliday },
        { "2026-06-19", "midsommarafton", ClosedDayKind.DeFactoClosed },
        { "2026-06-20", "midsommardagen", ClosedDayKind.PublicHoliday },
        { "2026-10-31", "alla helgons dag", ClosedDayKind.PublicHoliday },
        { "2026-12-24", "julafton", ClosedDayKind.DeFactoClosed },
        { "2026-12-25", "juldagen", ClosedDayKind.PublicHoliday },
        { "2026-12-26", "annandag jul", ClosedDayKind.PublicHoliday },
        { "2026-12-31", "nyårsafton", ClosedDayKind.DeFactoClosed },
        { "2027-01-01", "nyårsdagen", ClosedDayKind.PublicHoliday },
        { "2027-01-06", "trettondedag jul", ClosedDayKind.PublicHoliday },
        { "2027-03-26", "långfredagen", ClosedDayKind.PublicHoliday },
        { "2027-03-28", "påskdagen", ClosedDayKind.PublicHoliday },
        { "2027-03-29", "annandag påsk", ClosedDayKind.PublicHoliday },
        { "2027-05-01", "första maj", ClosedDayKind.PublicHoliday },
        { "2027-05-06", "Kristi himmelsfärdsdag", ClosedDayKind.PublicHoliday },
        { "2027-05-16", "pingstdagen", ClosedDayKind.PublicHoliday },
        { "2027-06-06", "Sveriges nationaldag", ClosedDayKind.PublicHoliday },
        { "2027-06-25", "midsommarafton", ClosedDayKind.DeFactoClosed },
        { "2027-06-26", "midsommardagen", ClosedDayKind.PublicHoliday },
        { "2027-11-06", "alla helgons dag", ClosedDayKind.PublicHoliday },
        { "2027-12-24", "julafton", ClosedDayKind.DeFactoClosed },
        { "2027-12-25", "juldagen", ClosedDayKind.PublicHoliday },
        { "2027-12-26", "annandag jul", ClosedDayKind.PublicHoliday },
        { "2027-12-31", "nyårsafton", ClosedDayKind.DeFactoClosed },
    };

    [Theory]
    [MemberData(nameof(ClosedDays))]
    public void Find_ClosedDay_HasNameAndKind(string date, string name, ClosedDayKind kind)
    {
        var day = SwedishHolidays.Find(Date(date));

        Assert.NotNull(day);
        Assert.Equal(name, day.Name);
        Assert.Equal(kind, day.Kind);
        Assert.False(s_calendar.IsOfficeDay(Date(date)));
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    public void ClosedDays_Year_AreExactlyTheTable(int year)
    {
        var expected = ClosedDays.Select(row => (string)row[0]).Where(d => d.StartsWith($"{year}-", StringComparison.Ordinal));

        Assert.Equal(expected, SwedishHolidays.ClosedDays(year).Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_Year_IsTheComputus(int year, string expected) =>
        Assert.Equal(Date(expected), SwedishHolidays.EasterSunday(year));

    /// <summary>Weekdays that look like holidays or eves but are ordinary office days.</summary>
    [Theory]
    [InlineData("2026-01-05")] // trettondagsafton
    [InlineData("2026-04-02")] // skärtorsdagen
    [InlineData("2026-04-07")] // the Tuesday after Easter
    [InlineData("2026-04-30")] // valborgsmässoafton
    [InlineData("2026-06-18")] // the day before midsommarafton
    [InlineData("2026-10-30")] // alla helgons afton
    [InlineData("2026-12-23")]
    [InlineData("2027-06-24")]
    public void IsOfficeDay_OrdinaryWeekday_IsTrue(string date) => Assert.True(s_calendar.IsOfficeDay(Date(date)));

    /// <summary>Instant (local, with its offset) → open?</summary>
    public static TheoryData<string, string, bool> OpenCases => new()
    {
        { "opening time is open", "2026-03-04T08:00:00+01:00", true },
        { "a minute before opening", "2026-03-04T07:59:00+01:00", false },
        { "a second before closing", "2026-03-04T16:59:59+01:00", true },
        { "closing time is closed", "2026-03-04T17:00:00+01:00", false },
        { "evening", "2026-03-04T21:00:00+01:00", false },
        { "night", "2026-03-04T03:00:00+01:00", false },
        { "Saturday", "2026-03-07T10:00:00+01:00", false },
        { "Sunday", "2026-03-08T10:00:00+01:00", false },
        { "långfredagen", "2026-04-03T10:00:00+02:00", false },
        { "annandag påsk", "2026-04-06T10:00:00+02:00", false },
        { "skärtorsdagen", "2026-04-02T10:00:00+02:00", true },
        { "midsommarafton", "2026-06-19T10:00:00+02:00", false },
        { "julafton", "2026-12-24T10:00:00+01:00", false },
        { "nyårsafton", "2026-12-31T10:00:00+01:00", false },
        { "nationaldagen on a weekday (2025)", "2025-06-06T10:00:00+02:00", false },
        // Summer time starts Sunday 2026-03-29: Monday opens at 08:00 CEST = 06:00 UTC.
        { "Friday before summer time, 08:00 CET", "2026-03-27T07:00:00Z", true },
        { "Friday before summer time, 17:00 CET", "2026-03-27T16:00:00Z", false },
        { "Monday after, 08:00 CEST", "2026-03-30T06:00:00Z", true },
        { "Monday after, 07:30 CEST", "2026-03-30T05:30:00Z", false },
        { "Monday after, 16:59 CEST", "2026-03-30T14:59:00Z", true },
        { "Monday after, 17:00 CEST", "2026-03-30T15:00:00Z", false },
        // Summer time ends Sunday 2026-10-25: Monday opens at 08:00 CET = 07:00 UTC.
        { "Friday before winter time, 16:59 CEST", "2026-10-23T14:59:00Z", true },
        { "Friday before winter time, 17:00 CEST", "2026-10-23T15:00:00Z", false },
        { "Monday after, 07:30 CET", "2026-10-26T06:30:00Z", false },
        { "Monday after, 08:00 CET", "2026-10-26T07:00:00Z", true },
        { "Monday after, 16:30 CET", "2026-10-26T15:30:00Z", true },
        { "the same instant given in another offset", "2026-03-04T07:30:00Z", true },
    };

    [Theory]
    [MemberData(nameof(OpenCases))]
    public void IsOpen_Instant_MatchesOfficeHours(string scenario, string instant, bool open) =>
        Assert.True(open == s_calendar.IsOpen(Instant(instant)), scenario);

    /// <summary>From → the next opening, in Stockholm time.</summary>
    public static TheoryData<string, string, string> NextOpenings => new()
    {
        { "open now: now", "2026-03-04T10:15:00+01:00", "2026-03-04T10:15:00+01:00" },
        { "early morning: 08:00", "2026-03-04T06:00:00+01:00", "2026-03-04T08:00:00+01:00" },
        { "at closing: tomorrow", "2026-03-04T17:00:00+01:00", "2026-03-05T08:00:00+01:00" },
        { "Friday evening: Monday", "2026-03-06T18:00:00+01:00", "2026-03-09T08:00:00+01:00" },
        { "Friday evening before summer time: Monday 08:00 CEST", "2026-03-27T18:00:00+01:00", "2026-03-30T08:00:00+02:00" },
        { "Saturday before winter time: Monday 08:00 CET", "2026-10-24T12:00:00+02:00", "2026-10-26T08:00:00+01:00" },
        { "Thursday before Easter, evening: Tuesday", "2026-04-02T17:30:00+02:00", "2026-04-07T08:00:00+02:00" },
        { "Christmas: the 28th", "2026-12-23T17:00:00+01:00", "2026-12-28T08:00:00+01:00" },
        { "New Year: the 4th", "2026-12-30T17:00:00+01:00", "2027-01-04T08:00:00+01:00" },
        { "midsommar: Monday", "2026-06-18T17:00:00+02:00", "2026-06-22T08:00:00+02:00" },
    };

    [Theory]
    [MemberData(nameof(NextOpenings))]
    public void NextOpening_From_IsFirstOpenInstant(string scenario, string from, string expected)
    {
        var opening = s_calendar.NextOpening(Instant(from));

        Assert.True(Instant(expected) == opening, $"{scenario}: {opening:O}");
        Assert.Equal(Instant(expected).Offset, opening.Offset);
    }

    /// <summary>From, office time → deadline, in Stockholm time.</summary>
    public static TheoryData<string, string, string, string> Deadlines => new()
    {
        { "within the day", "2026-03-04T10:00:00+01:00", "00:30:00", "2026-03-04T10:30:00+01:00" },
        { "uses up the day exactly: closing time", "2026-03-04T16:30:00+01:00", "00:30:00", "2026-03-04T17:00:00+01:00" },
        { "over the evening", "2026-03-04T16:50:00+01:00", "00:30:00", "2026-03-05T08:20:00+01:00" },
        { "before opening: counts from 08:00", "2026-03-04T06:00:00+01:00", "00:30:00", "2026-03-04T08:30:00+01:00" },
        { "HÖG Friday 16:50: Monday 08:20", "2026-03-06T16:50:00+01:00", "00:30:00", "2026-03-09T08:20:00+01:00" },
        { "from Saturday: Monday", "2026-03-07T12:00:00+01:00", "00:30:00", "2026-03-09T08:30:00+01:00" },
        { "zero from the weekend: Monday opening", "2026-03-07T12:00:00+01:00", "00:00:00", "2026-03-09T08:00:00+01:00" },
        { "across Easter 2026", "2026-04-02T16:50:00+02:00", "00:30:00", "2026-04-07T08:20:00+02:00" },
        { "across Easter 2027", "2027-03-25T16:50:00+01:00", "00:30:00", "2027-03-30T08:20:00+02:00" },
        { "across Kristi himmelsfärd 2026", "2026-05-13T16:00:00+02:00", "02:00:00", "2026-05-15T09:00:00+02:00" },
        { "across midsommar 2026", "2026-06-18T16:50:00+02:00", "00:30:00", "2026-06-22T08:20:00+02:00" },
        { "across Christmas 2026", "2026-12-23T16:50:00+01:00", "00:30:00", "2026-12-28T08:20:00+01:00" },
        { "across New Year 2026/27", "2026-12-30T16:50:00+01:00", "00:30:00", "2027-01-04T08:20:00+01:00" },
        { "across the start of summer time", "2026-03-27T16:30:00+01:00", "01:00:00", "2026-03-30T08:30:00+02:00" },
        { "across the end of summer time", "2026-10-23T16:00:00+02:00", "02:00:00", "2026-10-26T09:00:00+01:00" },
        { "several days", "2026-03-04T12:00:00+01:00", "18:00:00", "2026-03-06T12:00:00+01:00" },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void AddOfficeTime_From_CountsOnlyOpenTime(string scenario, string from, string officeTime, string expected)
    {
        var deadline = s_calendar.AddOfficeTime(Instant(from), TimeSpan.Parse(officeTime, CultureInfo.InvariantCulture));

        Assert.True(Instant(expected) == deadline, $"{scenario}: {deadline:O}");
        Assert.Equal(Instant(expected).Offset, deadline.Offset);
    }

    [Fact]
    public void AddOfficeTime_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => s_calendar.AddOfficeTime(Instant("2026-03-04T10:00:00+01:00"), TimeSpan.FromMinutes(-1)));

    /// <summary>From → end of the next whole office day ("NORMAL: next office day").</summary>
    public static TheoryData<string, string, string> NextOfficeDays => new()
    {
        { "Tuesday morning: Wednesday", "2026-03-03T10:00:00+01:00", "2026-03-04T17:00:00+01:00" },
        { "Monday before opening: Monday", "2026-03-02T07:30:00+01:00", "2026-03-02T17:00:00+01:00" },
        { "Monday at opening: Monday", "2026-03-02T08:00:00+01:00", "2026-03-02T17:00:00+01:00" },
        { "Friday afternoon: Monday", "2026-03-06T16:00:00+01:00", "2026-03-09T17:00:00+01:00" },
        { "Sunday: Monday", "2026-03-08T12:00:00+01:00", "2026-03-09T17:00:00+01:00" },
        { "Friday before summer time: Monday 17:00 CEST", "2026-03-27T12:00:00+01:00", "2026-03-30T17:00:00+02:00" },
        { "Thursday before Easter: Tuesday", "2026-04-02T09:00:00+02:00", "2026-04-07T17:00:00+02:00" },
        { "day before midsommarafton: Monday", "2026-06-18T09:00:00+02:00", "2026-06-22T17:00:00+02:00" },
        { "Wednesday before Kristi himmelsfärd: Friday", "2026-05-13T09:00:00+02:00", "2026-05-15T17:00:00+02:00" },
    };

    [Theory]
    [MemberData(nameof(NextOfficeDays))]
    public void EndOfNextOfficeDay_From_IsClosingOfFirstWholeOfficeDay(string scenario, string from, string expected)
    {
        var end = s_calendar.EndOfNextOfficeDay(Instant(from));

        Assert.True(Instant(expected) == end, $"{scenario}: {end:O}");
    }

    [Fact]
    public void AddOfficeTime_FromFakeClock_HogDeadlineFridayEveningIsMonday()
    {
        // As the deadline service will use it: "now" from a TimeProvider, in UTC.
        var time = new FakeTimeProvider(Instant("2026-01-16T16:50:00+01:00"));

        var deadline = s_calendar.AddOfficeTime(time.GetUtcNow(), TimeSpan.FromMinutes(30));
        time.SetUtcNow(deadline);

        Assert.Equal(Instant("2026-01-19T08:20:00+01:00"), time.GetUtcNow());
        Assert.True(s_calendar.IsOpen(time.GetUtcNow()));
    }

    [Fact]
    public void AddOfficeTime_ClocksChangeDuringOfficeHours_CountsElapsedTime()
    {
        // A made-up zone whose clocks jump from 09:00 to 10:00 on Monday 2026-03-02: that day has 8 open hours, not 9.
        var jump = TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 9, 0, 0), 3, 2);
        var back = TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 9, 0, 0), 11, 2);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(2026, 1, 1), new DateTime(2026, 12, 31), TimeSpan.FromHours(1), jump, back);
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Jump", TimeSpan.FromHours(1), "Jump", "Jump", "Jump summer", [rule]);
        var calendar = new OfficeCalendar(zone, [DayOfWeek.Monday, DayOfWeek.Tuesday], new TimeOnly(8, 0), new TimeOnly(17, 0));

        var deadline = calendar.AddOfficeTime(Instant("2026-03-02T08:00:00+01:00"), TimeSpan.FromHours(8));

        Assert.Equal(Instant("2026-03-02T17:00:00+02:00"), deadline);
        Assert.True(calendar.IsOpen(Instant("2026-03-02T08:30:00+01:00")));
    }

    [Fact]
    public void Constructor_OpeningNotBeforeClosing_Throws() =>
        Assert.Throws<ArgumentException>(() => new OfficeCalendar(s_stockholm, [DayOfWeek.Monday], new TimeOnly(17, 0), new TimeOnly(8, 0)));

    [Fact]
    public void Constructor_NoWorkingDays_Throws() =>
        Assert.Throws<ArgumentException>(() => new OfficeCalendar(s_stockholm, [], new TimeOnly(8, 0), new TimeOnly(17, 0)));

    private static DateOnly Date(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}

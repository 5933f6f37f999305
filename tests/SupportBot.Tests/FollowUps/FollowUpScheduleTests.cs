using System.Globalization;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.FollowUps;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Tests.FollowUps;

/// <summary>Follow-ups after N office days (Mon–Fri, Europe/Stockholm): weekends, Swedish holidays and closed eves do not count.</summary>
public sealed class FollowUpScheduleTests
{
    private static readonly TimeZoneInfo s_stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private static readonly OfficeCalendar s_calendar = new(
        s_stockholm,
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(17, 0));

    private static readonly FollowUpSchedule s_schedule = new(s_calendar);

    /// <summary>Reported on (local date), office days after, the day the card goes, and why.</summary>
    public static TheoryData<string, int, string, string> OfficeDays => new()
    {
        { "2026-11-30", 2, "2026-12-02", "Monday + 2: Wednesday" },
        { "2026-11-27", 2, "2026-12-01", "Friday + 2: the weekend does not count" },
        { "2026-11-28", 1, "2026-11-30", "reported on a Saturday: Monday is the first office day" },
        { "2026-06-18", 1, "2026-06-22", "midsommarafton (Fri 19 June) and midsommardagen are closed" },
        { "2026-06-17", 2, "2026-06-22", "Thursday counts, midsommarafton does not" },
        { "2026-12-23", 1, "2026-12-28", "julafton, juldagen, annandag jul (a Saturday) and the weekend" },
        { "2026-12-22", 2, "2026-12-28", "jul: 23 December and then Monday 28" },
        { "2026-12-30", 1, "2027-01-04", "nyårsafton and nyårsdagen are closed" },
        { "2026-12-22", 14, "2027-01-18", "over jul, nyår and trettondedag jul (Wed 6 January)" },
        { "2026-04-01", 2, "2026-04-07", "påsk: långfredagen and annandag påsk" },
        { "2026-05-13", 1, "2026-05-15", "Kristi himmelsfärdsdag (Thursday)" },
        { "2026-06-05", 1, "2026-06-08", "nationaldagen falls on a Saturday in 2026: only the weekend" },
        { "2026-04-30", 1, "2026-05-04", "första maj is a Friday" },
    };

    [Theory]
    [MemberData(nameof(OfficeDays))]
    public void AddOfficeDays_SkipsWeekendsAndSwedishHolidays(string reported, int officeDays, string expected, string why)
    {
        Assert.True(
            Day(expected) == s_schedule.AddOfficeDays(Day(reported), officeDays),
            $"{reported} + {officeDays} office days should be {expected} ({why}), was {s_schedule.AddOfficeDays(Day(reported), officeDays):yyyy-MM-dd}");
    }

    /// <summary>Reported at (UTC), round, due at (Stockholm local): the local date counts, and the card goes at opening time.</summary>
    public static TheoryData<string, int, string?> DueTimes => new()
    {
        { "2026-12-22T09:00:00Z", 1, "2026-12-28T08:00:00+01:00" },
        { "2026-12-22T09:00:00Z", 2, "2027-01-18T08:00:00+01:00" },
        { "2026-12-22T09:00:00Z", 3, null },
        { "2026-12-22T22:30:00Z", 1, "2026-12-28T08:00:00+01:00" }, // 23:30 on 22 December in Stockholm
        { "2026-12-22T23:30:00Z", 1, "2026-12-29T08:00:00+01:00" }, // 00:30 on 23 December (not the 22nd as in UTC): 28th, 29th
        { "2026-11-26T23:30:00Z", 1, "2026-12-01T08:00:00+01:00" }, // 00:30 on Friday 27 November: Monday, Tuesday
        { "2026-03-26T09:00:00Z", 1, "2026-03-30T08:00:00+02:00" }, // Thursday + 2; summer time begins on Sunday 29 March
    };

    [Theory]
    [MemberData(nameof(DueTimes))]
    public void DueAt_CountsFromTheLocalDateAndOpensAtEight(string reportedUtc, int round, string? expected)
    {
        var due = s_schedule.DueAt(DateTimeOffset.Parse(reportedUtc, CultureInfo.InvariantCulture), round);
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), due);
    }

    [Theory]
    [InlineData(Urgency.Akut, true)]
    [InlineData(Urgency.Hog, true)]
    [InlineData(Urgency.Normal, false)]
    [InlineData(Urgency.Forebyggande, false)]
    public void Start_OnlyHogAndAkutCasesAreFollowedUp(Urgency urgency, bool followedUp)
    {
        var record = new CaseRecord("HH-2026-0380-0001", "0380", "Uppsala kommun", "reporter", "Karin Ek", urgency, new Dictionary<string, string>(), new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), CaseStatus.New, "sv");
        var started = s_schedule.Start(record);
        Assert.Equal(followedUp, started is not null);
        if (started is not null)
        {
            Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(1)), started.NextDueAt);
            Assert.Equal((0, false), (started.Sent, started.Stopped));
        }
    }

    [Theory]
    [InlineData(new int[0], "2,14")]
    [InlineData(new[] { 3 }, "3")]
    [InlineData(new[] { 1, 5, 20 }, "1,5,20")]
    public void OfficeDays_EmptyMeansTheDefault(int[] configured, string expected)
    {
        Assert.Equal(expected, string.Join(',', new FollowUpSchedule(s_calendar, configured).OfficeDays));
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 14, 2 })]
    [InlineData(new[] { 2, 2 })]
    public void Constructor_DaysNotPositiveAndIncreasing_Throws(int[] configured)
    {
        Assert.Throws<ArgumentException>(() => new FollowUpSchedule(s_calendar, configured));
    }

    private static DateOnly Day(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

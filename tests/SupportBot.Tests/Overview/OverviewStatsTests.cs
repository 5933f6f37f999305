using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.Overview;

/// <summary>What the managers' overview counts: the twelve-month window in Swedish time, types, urgencies, escalations, median.</summary>
public sealed class OverviewStatsTests
{
    private static readonly TimeZoneInfo Stockholm = CardSamples.Calendar.TimeZone;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> WindowStarts() => new()
    {
        // now (UTC) → the window's first instant: the first of the month eleven months back, midnight in Stockholm.
        { "2026-11-28T12:00:00Z", "2025-12-01T00:00:00+01:00" },
        { "2026-01-01T00:30:00Z", "2025-02-01T00:00:00+01:00" },
        // 31 December 23:30 UTC is already January in Stockholm.
        { "2026-12-31T23:30:00Z", "2026-02-01T00:00:00+01:00" },
        // A summer month starts at midnight summer time.
        { "2027-04-15T10:00:00Z", "2026-05-01T00:00:00+02:00" },
    };

    [Theory]
    [MemberData(nameof(WindowStarts))]
    public void WindowStart_Now_IsFirstOfTheMonthElevenMonthsBackInStockholm(string now, string expected)
    {
        var start = OverviewStats.WindowStart(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Stockholm);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, start.Offset);
    }

    public static TheoryData<string, int, int, bool> CaseMonths() => new()
    {
        // incident created (UTC) → counted in year, month (Stockholm), or outside the window.
        { "2026-11-28T11:59:00Z", 2026, 11, true },
        { "2026-11-30T22:59:00Z", 0, 0, false },              // after now
        { "2025-12-01T00:30:00Z", 2025, 12, true },
        { "2025-11-30T23:30:00Z", 2025, 12, true },           // 00:30 on 1 December in Stockholm
        { "2025-11-30T22:30:00Z", 0, 0, false },              // 23:30 on 30 November in Stockholm: before the window
        { "2026-03-29T00:30:00Z", 2026, 3, true },
        { "2026-05-31T22:30:00Z", 2026, 6, true },            // 00:30 on 1 June, summer time
        { "2024-06-01T10:00:00Z", 0, 0, false },
    };

    [Theory]
    [MemberData(nameof(CaseMonths))]
    public void From_Incident_CountsInItsStockholmMonthOrNotAtAll(string createdAt, int year, int month, bool counted)
    {
        var incident = new OverviewCase(DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture), Urgency.Hog, "threat");

        var stats = OverviewStats.From(new OverviewData([incident], []), Now, Stockholm);

        Assert.Equal(12, stats.Months.Count);
        Assert.Equal((2025, 12), (stats.Months[0].Year, stats.Months[0].Month));
        Assert.Equal((2026, 11), (stats.Months[^1].Year, stats.Months[^1].Month));
        Assert.Equal(counted ? 1 : 0, stats.Total);
        Assert.Equal(counted ? 1 : 0, stats.ByUrgency[Urgency.Hog]);
        if (counted)
        {
            var only = Assert.Single(stats.Months, m => m.Total > 0);
            Assert.Equal((year, month), (only.Year, only.Month));
            Assert.Equal(1, only.ByUrgency[Urgency.Hog]);
        }
    }

    [Fact]
    public void From_Incidents_CountsByUrgencyAndByTypeMostFirstWithUnknownAsOther()
    {
        var at = Now.AddDays(-3);
        OverviewCase[] incidents =
        [
            new(at, Urgency.Akut, "violence"),
            new(at, Urgency.Hog, "threat"),
            new(at, Urgency.Hog, "threat"),
            new(at, Urgency.Normal, "online-hate"),
            new(at, Urgency.Normal, "online-hate"),
            new(at, Urgency.Normal, "online-hate"),
            new(at, Urgency.Forebyggande, null),
            new(at, Urgency.Forebyggande, string.Empty),
        ];

        var stats = OverviewStats.From(new OverviewData(incidents, []), Now, Stockholm);

        Assert.Equal(8, stats.Total);
        Assert.Equal([1, 2, 3, 2], new[] { Urgency.Akut, Urgency.Hog, Urgency.Normal, Urgency.Forebyggande }.Select(u => stats.ByUrgency[u]));
        Assert.Equal(
            [new("online-hate", 3), new("other", 2), new("threat", 2), new KeyValuePair<string, int>("violence", 1)],
            stats.ByType);
    }

    public static TheoryData<int[], int?> Medians() => new()
    {
        // minutes from escalation to the adviser's first action → median in minutes (null: none acknowledged).
        { [], null },
        { [10], 10 },
        { [30, 10, 20], 20 },
        { [10, 20, 30, 40], 25 },
        { [5, 5, 600, 7], 6 },
    };

    [Theory]
    [MemberData(nameof(Medians))]
    public void From_AcknowledgedEscalations_MedianTimeToAcknowledge(int[] minutes, int? expected)
    {
        var escalations = minutes.Select((m, i) => new OverviewEscalation(Now.AddDays(-i - 1), false, Now.AddDays(-i - 1).AddMinutes(m))).ToList();

        var stats = OverviewStats.From(new OverviewData([], escalations), Now, Stockholm);

        Assert.Equal(expected is { } e ? TimeSpan.FromMinutes(e) : null, stats.MedianAcknowledgement);
    }

    [Fact]
    public void From_Escalations_CountsOpenAndClosedInsideTheWindowOnly()
    {
        OverviewEscalation[] escalations =
        [
            new(Now.AddDays(-1), IsOpen: true, AcknowledgedAt: null),
            new(Now.AddDays(-2), IsOpen: true, AcknowledgedAt: Now.AddDays(-2).AddMinutes(20)),
            new(Now.AddDays(-40), IsOpen: false, AcknowledgedAt: Now.AddDays(-40).AddMinutes(40)),
            new(Now.AddDays(-400), IsOpen: false, AcknowledgedAt: Now.AddDays(-400).AddMinutes(1)),
        ];

        var stats = OverviewStats.From(new OverviewData([], escalations), Now, Stockholm);

        Assert.Equal(2, stats.OpenEscalations);
        Assert.Equal(1, stats.ClosedEscalations);
        Assert.Equal(TimeSpan.FromMinutes(30), stats.MedianAcknowledgement);
    }
}

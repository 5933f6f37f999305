using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.Escalation;

/// <summary>Acknowledgement deadlines per urgency, counted in office time (Europe/Stockholm, Mon–Fri 08–17, Swedish holidays).</summary>
public sealed class AcknowledgementDeadlinesTests
{
    private static readonly AcknowledgementDeadlines s_deadlines = new(
        CardSamples.Calendar,
        new Dictionary<string, string> { ["AKUT"] = "00:15", ["HOG"] = "00:30", ["NORMAL"] = "next-office-day" });

    /// <summary>Escalated at (Stockholm local time, November = UTC+1), urgency → must be taken by (local).</summary>
    public static TheoryData<string, Urgency, string> Cases => new()
    {
        { "2026-11-24 10:00", Urgency.Hog, "2026-11-24 10:30" },
        // AKUT gets the HÖG deadline even with an AKUT value configured: the advisers are no emergency service.
        { "2026-11-24 10:00", Urgency.Akut, "2026-11-24 10:30" },
        { "2026-11-27 16:50", Urgency.Hog, "2026-11-30 08:20" },
        { "2026-11-28 12:00", Urgency.Hog, "2026-11-30 08:30" },
        { "2026-11-24 07:00", Urgency.Hog, "2026-11-24 08:30" },
        { "2026-12-23 16:45", Urgency.Hog, "2026-12-28 08:15" },
        { "2026-11-24 10:00", Urgency.Normal, "2026-11-25 17:00" },
        { "2026-11-27 18:00", Urgency.Normal, "2026-11-30 17:00" },
        // Not configured: the next office day.
        { "2026-11-24 10:00", Urgency.Forebyggande, "2026-11-25 17:00" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DueAt_ByUrgency_CountsOfficeTimeOnly(string escalatedLocal, Urgency urgency, string dueLocal)
    {
        var due = s_deadlines.DueAt(urgency, Local(escalatedLocal));

        Assert.Equal(Local(dueLocal), due);
    }

    [Theory]
    [InlineData("00:30", true)]
    [InlineData("next-office-day", true)]
    [InlineData("NEXT-OFFICE-DAY", true)]
    [InlineData("1.00:00", true)]
    [InlineData("00:00", false)]
    [InlineData("-00:30", false)]
    [InlineData("soon", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("45.00:00", false)]
    public void Parse_ConfiguredValue_AcceptsSpansAndNextOfficeDayOnly(string? value, bool valid)
    {
        Assert.Equal(valid, AcknowledgementDeadlines.Parse(value) is not null);
    }

    [Fact]
    public void Constructor_InvalidValue_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AcknowledgementDeadlines(CardSamples.Calendar, new Dictionary<string, string> { ["HOG"] = "soon" }));

        Assert.Contains("soon", ex.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset Local(string text)
    {
        var local = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, CardSamples.Calendar.TimeZone.GetUtcOffset(local));
    }
}

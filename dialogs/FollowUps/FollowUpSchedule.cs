using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.FollowUps;

/// <summary>
/// When the follow-up cards of a case go: after the configured numbers of office days (default 2 and 14) counted from
/// the day the case was reported, at the office's opening time on that day. Weekends, Swedish public holidays and the
/// closed eves do not count (<see cref="OfficeCalendar"/>). Only HÖG and AKUT cases are followed up.
/// </summary>
public sealed class FollowUpSchedule
{
    public static readonly IReadOnlyList<int> DefaultOfficeDays = [2, 14];

    private readonly OfficeCalendar _calendar;

    public FollowUpSchedule(OfficeCalendar calendar, IReadOnlyList<int>? officeDays = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var days = officeDays is { Count: > 0 } ? officeDays : DefaultOfficeDays;
        if (days.Any(d => d < 1) || days.Zip(days.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("Follow-up office days must be positive and increasing, e.g. [2, 14].", nameof(officeDays));
        }

        _calendar = calendar;
        OfficeDays = [.. days];
    }

    public IReadOnlyList<int> OfficeDays { get; }

    public static bool Applies(Urgency urgency) => urgency is Urgency.Hog or Urgency.Akut;

    /// <summary>The office day that is <paramref name="officeDays"/> office days after <paramref name="from"/> (which itself does not count).</summary>
    public DateOnly AddOfficeDays(DateOnly from, int officeDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(officeDays, 1);
        var day = from;
        for (var counted = 0; counted < officeDays;)
        {
            day = day.AddDays(1);
            if (_calendar.IsOfficeDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>When card number <paramref name="round"/> (1-based) of a case reported at <paramref name="caseCreatedAt"/> is due; null after the last.</summary>
    public DateTimeOffset? DueAt(DateTimeOffset caseCreatedAt, int round)
    {
        if (round < 1 || round > OfficeDays.Count)
        {
            return null;
        }

        var reported = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(caseCreatedAt, _calendar.TimeZone).DateTime);
        var day = AddOfficeDays(reported, OfficeDays[round - 1]);
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return _calendar.NextOpening(new DateTimeOffset(midnight, _calendar.TimeZone.GetUtcOffset(midnight)));
    }

    /// <summary>The follow-up row a new HÖG or AKUT case starts with (its first card due); null for other urgencies.</summary>
    public FollowUpRecord? Start(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Applies(record.Urgency)
            ? new FollowUpRecord(record.OrganisationKey, record.CaseNumber, record.ReporterId, record.Language, record.Urgency, record.CreatedAt) { NextDueAt = DueAt(record.CreatedAt, 1) }
            : null;
    }
}

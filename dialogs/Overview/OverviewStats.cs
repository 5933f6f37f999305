using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Overview;

/// <summary>One calendar month (in the office's time zone) and its incidents by urgency.</summary>
public sealed record MonthCount(int Year, int Month, IReadOnlyDictionary<Urgency, int> ByUrgency)
{
    public int Total => ByUrgency.Values.Sum();
}

/// <summary>
/// An organisation's last twelve months: incidents by month, by type and by urgency; escalations open and closed; the
/// median time from escalation to an adviser's first action. Pure: computed from counts the source returned.
/// </summary>
public sealed record OverviewStats(
    IReadOnlyList<MonthCount> Months,
    IReadOnlyDictionary<Urgency, int> ByUrgency,
    IReadOnlyList<KeyValuePair<string, int>> ByType,
    int OpenEscalations,
    int ClosedEscalations,
    TimeSpan? MedianAcknowledgement)
{
    public const int MonthCount = 12;

    public int Total => Months.Sum(m => m.Total);

    /// <summary>The first instant of the window: the start of the month eleven months before <paramref name="now"/>'s month.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, timeZone);
        var first = new DateTime(local.Year, local.Month, 1).AddMonths(-(MonthCount - 1));
        return new DateTimeOffset(first, timeZone.GetUtcOffset(first));
    }

    public static OverviewStats From(OverviewData data, DateTimeOffset now, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(timeZone);
        var start = WindowStart(now, timeZone);
        var localStart = TimeZoneInfo.ConvertTime(start, timeZone);
        var incidents = data.Cases.Where(i => i.CreatedAt >= start && i.CreatedAt <= now).ToList();

        var months = Enumerable.Range(0, MonthCount).Select(offset =>
        {
            var month = localStart.AddMonths(offset);
            var inMonth = incidents.Where(i =>
            {
                var local = TimeZoneInfo.ConvertTime(i.CreatedAt, timeZone);
                return local.Year == month.Year && local.Month == month.Month;
            });
            return new MonthCount(month.Year, month.Month, CountByUrgency(inMonth));
        }).ToList();

        var byType = incidents
            // A case can be several kinds at once ("threat,damage"): counted under the first, so the rows add up to the total.
            .GroupBy(i => string.IsNullOrEmpty(i.What) ? "other" : i.What.Split(',')[0])
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

        var escalations = data.Escalations.Where(e => e.EscalatedAt >= start && e.EscalatedAt <= now).ToList();
        var waits = escalations
            .Where(e => e.AcknowledgedAt is not null && e.AcknowledgedAt >= e.EscalatedAt)
            .Select(e => e.AcknowledgedAt!.Value - e.EscalatedAt)
            .Order()
            .ToList();

        return new OverviewStats(
            months,
            CountByUrgency(incidents),
            byType,
            escalations.Count(e => e.IsOpen),
            escalations.Count(e => !e.IsOpen),
            Median(waits));
    }

    private static Dictionary<Urgency, int> CountByUrgency(IEnumerable<OverviewCase> incidents)
    {
        var counts = Enum.GetValues<Urgency>().ToDictionary(u => u, _ => 0);
        foreach (var incident in incidents)
        {
            counts[incident.Urgency]++;
        }

        return counts;
    }

    /// <summary>The middle value; for an even count the mean of the two middle ones. Null when there is none.</summary>
    internal static TimeSpan? Median(IReadOnlyList<TimeSpan> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}

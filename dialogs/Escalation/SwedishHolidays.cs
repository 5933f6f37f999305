using System.Collections.Concurrent;

namespace SupportBot.Dialogs.Escalation;

/// <summary>Whether a closed day is a public holiday by law or an eve that offices treat as one.</summary>
public enum ClosedDayKind
{
    /// <summary>Allmän helgdag (lagen (1989:253) om allmänna helgdagar).</summary>
    PublicHoliday,

    /// <summary>Not a public holiday by law, but offices, SKR's included, are closed (midsommarafton, julafton, nyårsafton).</summary>
    DeFactoClosed,
}

/// <summary>A day on which Swedish offices are closed, with its Swedish name.</summary>
public sealed record ClosedDay(DateOnly Date, string Name, ClosedDayKind Kind);

/// <summary>
/// Swedish public holidays and the de facto closed eves, computed per year (current rules, in force since 2005 when
/// nationaldagen replaced annandag pingst) rather than kept as a date list that runs out.
/// </summary>
public static class SwedishHolidays
{
    private static readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, ClosedDay>> s_byYear = new();

    /// <summary>Every closed day of <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<ClosedDay> ClosedDays(int year) => ByDate(year).Values.OrderBy(d => d.Date).ToList();

    public static bool IsClosed(DateOnly date) => ByDate(date.Year).ContainsKey(date);

    public static ClosedDay? Find(DateOnly date) => ByDate(date.Year).TryGetValue(date, out var day) ? day : null;

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus of Meeus, Jones and Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static IReadOnlyDictionary<DateOnly, ClosedDay> ByDate(int year) =>
        s_byYear.GetOrAdd(year, y => Compute(y).ToDictionary(d => d.Date));

    private static IEnumerable<ClosedDay> Compute(int year)
    {
        var easter = EasterSunday(year);
        var midsommardagen = SaturdayFrom(new DateOnly(year, 6, 20));

        yield return Holiday(new DateOnly(year, 1, 1), "nyårsdagen");
        yield return Holiday(new DateOnly(year, 1, 6), "trettondedag jul");
        yield return Holiday(easter.AddDays(-2), "långfredagen");
        yield return Holiday(easter, "påskdagen");
        yield return Holiday(easter.AddDays(1), "annandag påsk");
        yield return Holiday(new DateOnly(year, 5, 1), "första maj");
        yield return Holiday(easter.AddDays(39), "Kristi himmelsfärdsdag");
        yield return Holiday(easter.AddDays(49), "pingstdagen"); // always a Sunday; listed for completeness
        yield return Holiday(new DateOnly(year, 6, 6), "Sveriges nationaldag");
        yield return Holiday(midsommardagen, "midsommardagen");
        yield return Holiday(SaturdayFrom(new DateOnly(year, 10, 31)), "alla helgons dag");
        yield return Holiday(new DateOnly(year, 12, 25), "juldagen");
        yield return Holiday(new DateOnly(year, 12, 26), "annandag jul");

        // Not public holidays by law, but offices are closed: the sounding board is not staffed on these eves.
        yield return Eve(midsommardagen.AddDays(-1), "midsommarafton");
        yield return Eve(new DateOnly(year, 12, 24), "julafton");
        yield return Eve(new DateOnly(year, 12, 31), "nyårsafton");
    }

    private static ClosedDay Holiday(DateOnly date, string name) => new(date, name, ClosedDayKind.PublicHoliday);

    private static ClosedDay Eve(DateOnly date, string name) => new(date, name, ClosedDayKind.DeFactoClosed);

    /// <summary>The first Saturday on or after <paramref name="first"/> (midsommardagen: 20–26 June; alla helgons dag: 31 Oct–6 Nov).</summary>
    private static DateOnly SaturdayFrom(DateOnly first) =>
        first.AddDays(((int)DayOfWeek.Saturday - (int)first.DayOfWeek + 7) % 7);
}

using System.Globalization;
using SupportBot.Dialogs;

namespace SupportBot.Bot.Options;

/// <summary>What the dialogs may quote from <see cref="SupportOptions"/>: phone numbers, e-mail and office hours as text.</summary>
public static class SupportContactsFactory
{
    public static SupportContacts From(SupportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SupportContacts(
            options.Switchboard.Phone,
            options.Advisers.Select(a => new AdviserContact(a.Key, a.Name, a.Title, a.TitleEn, a.Phone, a.Email, a.AadObjectId.Trim(), a.TeamsUserId.Trim(), a.TenantId.Trim())).ToList(),
            new OfficeHoursText(Describe(options.OfficeHours, "sv-SE", "HH.mm"), Describe(options.OfficeHours, "en-GB", "HH:mm")));
    }

    /// <summary>"mån–fre 08.00–17.00" / "Mon–Fri 08:00–17:00"; days listed one by one when they are not a run.</summary>
    internal static string Describe(OfficeHoursOptions hours, string cultureName, string timeFormat)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        var days = hours.Days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList();
        string Name(DayOfWeek d) => culture.DateTimeFormat.GetAbbreviatedDayName(d).TrimEnd('.');
        var isRun = days.Count > 2 && days.Zip(days.Skip(1)).All(p => ((int)p.Second + 6) % 7 == (((int)p.First + 6) % 7) + 1);
        var dayText = isRun ? $"{Name(days[0])}–{Name(days[^1])}" : string.Join(", ", days.Select(Name));
        return $"{dayText} {hours.Start.ToString(timeFormat, culture)}–{hours.End.ToString(timeFormat, culture)}";
    }
}

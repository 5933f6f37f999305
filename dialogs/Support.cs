namespace SupportBot.Dialogs;

/// <summary>Who the dialogs point people to, from configuration (the 2018 letter's values by default; never literals in code).</summary>
public sealed record SupportContacts(string SwitchboardPhone, IReadOnlyList<AdviserContact> Advisers, OfficeHoursText OfficeHours)
{
    /// <summary>The adviser's name for a routing key; the key itself when no adviser has it (never fails on a card).</summary>
    public string AdviserName(string key) => Advisers.FirstOrDefault(a => a.Key == key)?.Name ?? key;
}

/// <summary>An SKL adviser as the dialogs may show them; <paramref name="Key"/> is what routing rules name.</summary>
public sealed record AdviserContact(string Key, string Name, string TitleSv, string TitleEn, string Phone, string Email);

/// <summary>Office hours as people read them, e.g. "mån–fre 08.00–17.00".</summary>
public sealed record OfficeHoursText(string Sv, string En);

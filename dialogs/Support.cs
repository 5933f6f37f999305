namespace SupportBot.Dialogs;

/// <summary>Who the dialogs point people to, from configuration (the 2018 letter's values by default; never literals in code).</summary>
public sealed record SupportContacts(string SwitchboardPhone, IReadOnlyList<AdviserContact> Advisers, OfficeHoursText OfficeHours);

public sealed record AdviserContact(string Name, string TitleSv, string TitleEn, string Phone, string Email);

/// <summary>Office hours as people read them, e.g. "mån–fre 08.00–17.00".</summary>
public sealed record OfficeHoursText(string Sv, string En);

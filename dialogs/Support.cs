using Microsoft.Bot.Schema;

namespace SupportBot.Dialogs;

/// <summary>Who the dialogs point people to, from configuration (the 2018 letter's values by default; never literals in code).</summary>
public sealed record SupportContacts(string SwitchboardPhone, IReadOnlyList<AdviserContact> Advisers, OfficeHoursText OfficeHours)
{
    /// <summary>The adviser's name for a routing key; the key itself when no adviser has it (never fails on a card).</summary>
    public string AdviserName(string? key) => Advisers.FirstOrDefault(a => a.Key == key)?.Name ?? key ?? string.Empty;

    public AdviserContact? Adviser(string? key) => Advisers.FirstOrDefault(a => a.Key == key);

    /// <summary>
    /// The configured adviser this Teams account belongs to, by Entra object id or Teams user id, when the message comes
    /// from the adviser's own tenant; null for everyone else. Empty configured ids never match (an adviser not yet
    /// configured cannot be impersonated by an account without ids), and neither does the same id from another tenant.
    /// </summary>
    public AdviserContact? AdviserFor(ChannelAccount? account, string? tenantId)
    {
        if (account is null || string.IsNullOrWhiteSpace(tenantId))
        {
            return null;
        }

        return Advisers.FirstOrDefault(a =>
            a.TenantId.Length > 0 && string.Equals(a.TenantId, tenantId.Trim(), StringComparison.OrdinalIgnoreCase)
            && ((a.AadObjectId.Length > 0 && string.Equals(a.AadObjectId, account.AadObjectId, StringComparison.OrdinalIgnoreCase))
                || (a.TeamsUserId.Length > 0 && string.Equals(a.TeamsUserId, account.Id, StringComparison.Ordinal))));
    }

    /// <summary>The other adviser than <paramref name="key"/> (the first one in configuration order); null with one adviser.</summary>
    public string? OtherAdviser(string? key) => Advisers.FirstOrDefault(a => a.Key != key)?.Key;
}

/// <summary>An SKL adviser as the dialogs may show them; <paramref name="Key"/> is what routing rules name.</summary>
public sealed record AdviserContact(string Key, string Name, string TitleSv, string TitleEn, string Phone, string Email, string AadObjectId = "", string TeamsUserId = "", string TenantId = "")
{
    /// <summary>Who Teams knows this adviser as (for @mentions and 1:1 chats); null when not configured.</summary>
    public string? TeamsId => AadObjectId.Length > 0 ? AadObjectId : TeamsUserId.Length > 0 ? TeamsUserId : null;
}

/// <summary>Office hours as people read them, e.g. "mån–fre 08.00–17.00".</summary>
public sealed record OfficeHoursText(string Sv, string En);

using System.Globalization;
using System.Text;

namespace SupportBot.Dialogs.Triage;

/// <summary>
/// The key an organisation's records are partitioned by: its SCB code since organisations come from the tenant, or
/// the name-based key of cases saved before ("exempelby-kommun"). Checked before a key from a card reaches storage.
/// </summary>
public static class OrganisationKeys
{
    /// <summary>True for an SCB code or an older name-based key: letters, digits and single inner dashes.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= 200 } && key[0] != '-' && key[^1] != '-' && key.All(c => char.IsLetterOrDigit(c) || c == '-');
}

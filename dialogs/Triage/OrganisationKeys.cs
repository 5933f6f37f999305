using System.Globalization;
using System.Text;

namespace SupportBot.Dialogs.Triage;

/// <summary>
/// Turns an organisation's name into the key its records are partitioned by: "Exempelby  Kommun" and
/// "exempelby kommun" are the same organisation. Letters (å, ä, ö included) and digits are kept; everything
/// else becomes a single dash, so the key is safe as a Table Storage partition key.
/// </summary>
public static class OrganisationKeys
{
    public static string From(string organisationName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationName);
        var sb = new StringBuilder(organisationName.Length);
        foreach (var c in organisationName.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var key = sb.ToString().TrimEnd('-');
        return key.Length == 0 ? throw new ArgumentException("The organisation name has no letters or digits.", nameof(organisationName)) : key;
    }

    /// <summary>True for what <see cref="From"/> can produce (checked before a key from a card reaches storage).</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= 200 } && key[0] != '-' && key[^1] != '-' && key.All(c => char.IsLetterOrDigit(c) || c == '-');
}

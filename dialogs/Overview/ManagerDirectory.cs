using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Overview;

/// <summary>Which managers may see which organisation's overview (from configuration, by Entra object id).</summary>
public sealed class ManagerDirectory
{
    private readonly Dictionary<string, string> _organisationByAad;

    /// <param name="managers">Entra object id → the organisation's name.</param>
    public ManagerDirectory(IEnumerable<KeyValuePair<string, string>> managers)
    {
        ArgumentNullException.ThrowIfNull(managers);
        _organisationByAad = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (aad, organisation) in managers)
        {
            if (!string.IsNullOrWhiteSpace(aad) && !string.IsNullOrWhiteSpace(organisation))
            {
                _organisationByAad[aad.Trim()] = organisation.Trim();
            }
        }
    }

    /// <summary>The organisation (name and partition key) this account manages; null for everyone else.</summary>
    public (string Name, string Key)? OrganisationFor(ChannelAccount? account) =>
        account?.AadObjectId is { Length: > 0 } aad && _organisationByAad.TryGetValue(aad, out var name)
            ? (name, OrganisationKeys.From(name))
            : null;
}

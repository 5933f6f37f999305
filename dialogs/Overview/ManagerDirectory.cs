using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Organisations;

namespace SupportBot.Dialogs.Overview;

/// <summary>A manager as configured: who (Entra object id), from which tenant, and for which organisation (SCB code).</summary>
public sealed record ManagerEntry(string AadObjectId, string TenantId, string OrganisationCode);

/// <summary>
/// Which managers may see which organisation's overview. A manager is recognised only for their own tenant and only
/// for an organisation that tenant reports for, so a look-alike account in another tenant sees nothing.
/// </summary>
public sealed class ManagerDirectory
{
    private readonly Dictionary<(string Tenant, string Aad), Organisation> _organisationByManager = [];

    public ManagerDirectory(TenantDirectory tenants, IEnumerable<ManagerEntry> managers)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(managers);
        foreach (var manager in managers)
        {
            if (string.IsNullOrWhiteSpace(manager.AadObjectId) || string.IsNullOrWhiteSpace(manager.TenantId))
            {
                continue;
            }

            var tenant = manager.TenantId.Trim().ToLowerInvariant();
            if (tenants.OrganisationOf(manager.TenantId.Trim(), manager.OrganisationCode?.Trim()) is { } organisation)
            {
                _organisationByManager[(tenant, manager.AadObjectId.Trim().ToLowerInvariant())] = organisation;
            }
        }
    }

    /// <summary>The organisation this account manages when the message comes from the manager's own tenant; null for everyone else.</summary>
    public Organisation? OrganisationFor(ChannelAccount? account, string? tenantId) =>
        account?.AadObjectId is { Length: > 0 } aad && tenantId is { Length: > 0 }
        && _organisationByManager.TryGetValue((tenantId.Trim().ToLowerInvariant(), aad.Trim().ToLowerInvariant()), out var organisation)
            ? organisation
            : null;
}

using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace SupportBot.Dialogs.Organisations;

/// <summary>
/// Which Microsoft 365 tenants have joined and which organisations (SCB codes) each reports for, plus the advisers'
/// tenants. The organisation of a message always comes from here, from its verified tenant — never from typed text.
/// </summary>
public sealed class TenantDirectory
{
    private readonly Dictionary<string, IReadOnlyList<Organisation>> _organisationsByTenant = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _adviserTenants = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="organisations">The directory of every municipality and region.</param>
    /// <param name="tenants">Tenant id → the SCB codes it reports for (validated at start; unknown codes are skipped here).</param>
    /// <param name="adviserTenants">The tenants advisers write from (SKR's).</param>
    public TenantDirectory(OrganisationDirectory organisations, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> tenants, IEnumerable<string> adviserTenants)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(adviserTenants);
        foreach (var (tenantId, codes) in tenants)
        {
            if (string.IsNullOrWhiteSpace(tenantId))
            {
                continue;
            }

            _organisationsByTenant[tenantId.Trim()] = codes
                .Select(code => organisations.Find(code?.Trim()))
                .OfType<Organisation>()
                .DistinctBy(o => o.Code)
                .ToList();
        }

        foreach (var tenantId in adviserTenants.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            _adviserTenants.Add(tenantId.Trim());
        }
    }

    /// <summary>True for a tenant that joined (it has organisations) or that advisers write from.</summary>
    public bool IsOnboarded(string? tenantId) =>
        tenantId is { Length: > 0 } && (_organisationsByTenant.ContainsKey(tenantId) || _adviserTenants.Contains(tenantId));

    /// <summary>The organisations a tenant reports for, in configuration order; empty for an adviser-only or unknown tenant.</summary>
    public IReadOnlyList<Organisation> OrganisationsOf(string? tenantId) =>
        tenantId is { Length: > 0 } && _organisationsByTenant.TryGetValue(tenantId, out var organisations) ? organisations : [];

    /// <summary>The organisation with <paramref name="code"/> when the tenant reports for it; null otherwise.</summary>
    public Organisation? OrganisationOf(string? tenantId, string? code) =>
        OrganisationsOf(tenantId).FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.Ordinal));
}

/// <summary>The tenant an activity comes from, as Teams states it.</summary>
public static class ActivityTenant
{
    /// <summary>
    /// <c>conversation.tenantId</c> and <c>channelData.tenant.id</c> (Teams sends both, equal). When they disagree, or
    /// neither is there, the tenant is unknown: null.
    /// </summary>
    public static string? Of(IActivity? activity)
    {
        if (activity is null)
        {
            return null;
        }

        var fromConversation = Normalise(activity.Conversation?.TenantId);
        string? fromChannelData = null;
        try
        {
            fromChannelData = Normalise((activity as Activity)?.GetChannelData<TeamsChannelData>()?.Tenant?.Id);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Channel data that is not Teams' shape says nothing about the tenant.
        }

        if (fromConversation is not null && fromChannelData is not null)
        {
            return string.Equals(fromConversation, fromChannelData, StringComparison.OrdinalIgnoreCase) ? fromConversation : null;
        }

        return fromConversation ?? fromChannelData;
    }

    private static string? Normalise(string? tenantId) => string.IsNullOrWhiteSpace(tenantId) ? null : tenantId.Trim();
}

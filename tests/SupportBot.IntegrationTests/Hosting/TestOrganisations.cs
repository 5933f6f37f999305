using System.Globalization;
using System.Text;
using SupportBot.Dialogs.Organisations;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>
/// Organisations for tests on a shared Azurite: real SCB codes handed out once per process, so each test's cases
/// over HTTP have a partition of their own, and name-based keys for tests that write through a repository directly.
/// </summary>
public static class TestOrganisations
{
    private static readonly Organisation[] s_municipalities =
        [.. OrganisationDirectory.Load().All.Where(o => o.Kind == OrganisationKind.Municipality)];

    private static int s_next;

    /// <summary>The organisation every test host onboards for <see cref="TeamsActivities.TenantId"/> unless a test names its own.</summary>
    public static Organisation Default { get; } = OrganisationDirectory.Load().Find("0380")!;

    /// <summary>A municipality no other test of this process has been given.</summary>
    public static Organisation Next() => s_municipalities[(Interlocked.Increment(ref s_next) + 10) % s_municipalities.Length];

    /// <summary>Settings that onboard <paramref name="tenantId"/> with these organisations (and nothing else).</summary>
    public static Dictionary<string, string?> Onboard(string tenantId, params Organisation[] organisations)
    {
        var settings = new Dictionary<string, string?> { ["Support:Tenants:0:TenantId"] = tenantId };
        for (var i = 0; i < organisations.Length; i++)
        {
            settings[$"Support:Tenants:0:Organisations:{i}"] = organisations[i].Code;
        }

        return settings;
    }

    /// <summary>A partition key from a test's made-up organisation name ("Kommun 1a2b" → "kommun-1a2b"), for repository-level tests.</summary>
    public static string KeyOf(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture))
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

        return sb.ToString().TrimEnd('-');
    }
}

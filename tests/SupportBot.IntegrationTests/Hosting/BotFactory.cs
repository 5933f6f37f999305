using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>The real bot host in-process, pointed at a real Azurite, with optional extra settings.</summary>
public sealed class BotFactory(string storageConnectionString, IDictionary<string, string?>? settings = null, string environment = "Development")
    : WebApplicationFactory<Program>
{
    public const string StateTable = "BotStateIt";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:ConnectionString", storageConnectionString);
        builder.UseSetting("Storage:StateTableName", StateTable);
        foreach (var (key, value) in SupportBot.Testing.TestRateLimits.Raised.Concat(SupportBot.Testing.TestSecrets.Settings))
        {
            builder.UseSetting(key, value);
        }

        var all = settings ?? new Dictionary<string, string?>();
        if (!all.Keys.Any(k => k.StartsWith("Support:Tenants", StringComparison.Ordinal)))
        {
            // The tenant the test activities come from has joined, with one organisation (so the triage never asks which).
            foreach (var (key, value) in TestOrganisations.Onboard(TeamsActivities.TenantId, TestOrganisations.Default))
            {
                builder.UseSetting(key, value);
            }
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }
    }
}

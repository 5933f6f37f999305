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
        foreach (var (key, value) in SupportBot.Testing.TestRateLimits.Raised)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}

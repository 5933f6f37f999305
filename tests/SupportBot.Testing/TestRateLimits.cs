namespace SupportBot.Testing;

/// <summary>
/// Rate limits raised far above what a test sends, for hosts whose tests are about something else (one test person
/// drives hundreds of turns a minute there). The rate-limit tests set the production defaults themselves.
/// </summary>
public static class TestRateLimits
{
    public static IReadOnlyDictionary<string, string> Raised { get; } = new Dictionary<string, string>
    {
        ["RateLimits:Turns:PermitLimit"] = "1000000",
        ["RateLimits:Erasure:PermitLimit"] = "1000000",
        ["RateLimits:AddInformation:PermitLimit"] = "1000000",
        ["RateLimits:Share:PermitLimit"] = "1000000",
        ["RateLimits:RefusedActions:PermitLimit"] = "1000000",
    };

    /// <summary>The same as environment variables (<c>RateLimits__Turns__PermitLimit</c>), for bot processes.</summary>
    public static void AddTo(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (key, value) in Raised)
        {
            environment.TryAdd(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
    }
}

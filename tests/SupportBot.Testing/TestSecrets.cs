using System.Security.Cryptography;

namespace SupportBot.Testing;

/// <summary>
/// Secrets a test run needs, generated fresh for each run (never committed): the same within the run, so two bot
/// instances of one test agree, and different next run.
/// </summary>
public static class TestSecrets
{
    /// <summary>Privacy:PseudonymKey, base64 of 32 random bytes.</summary>
    public static string PseudonymKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Privacy:PseudonymKey"] = PseudonymKey,
    };

    /// <summary>The same as environment variables (<c>Privacy__PseudonymKey</c>), for bot processes.</summary>
    public static void AddTo(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (key, value) in Settings)
        {
            environment.TryAdd(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace SupportBot.Bot.Health;

/// <summary>"Health": how long a probe result is reused, and the key that opens <c>/healthz/details</c> to non-local callers.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Anyone can call /healthz; reusing the result this long means a flood of probes costs storage nothing. 0 = probe every time.</summary>
    [Range(0, 300)]
    public int ProbeCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Sent as the <c>X-Health-Key</c> header to read /healthz/details from elsewhere than the instance itself (Key Vault
    /// reference in Azure). Empty: details only from loopback.
    /// </summary>
    public string DetailsKey { get; set; } = string.Empty;
}

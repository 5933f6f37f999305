namespace SupportBot.Bot.Options;

/// <summary>
/// The bot's Microsoft Entra app registration, read from the configuration root under the names the Bot
/// Framework SDK itself reads (<c>MicrosoftAppId</c>, ...). An empty app id means local anonymous mode.
/// </summary>
public sealed class BotCredentialsOptions
{
    public string MicrosoftAppType { get; set; } = "SingleTenant";

    public string MicrosoftAppId { get; set; } = string.Empty;

    public string MicrosoftAppPassword { get; set; } = string.Empty;

    public string MicrosoftAppTenantId { get; set; } = string.Empty;

    /// <summary>
    /// Client id of a user-assigned managed identity that the app registration trusts as a federated credential.
    /// When set, the bot signs in with that identity's token instead of a secret: no secret exists to leak or expire.
    /// </summary>
    public string MicrosoftAppClientId { get; set; } = string.Empty;

    /// <summary>
    /// When the app secret expires (optional; ISO 8601, e.g. <c>2027-03-31</c>, as Entra shows it). Kept as text so
    /// a malformed value fails validation with a clear reason instead of a binder exception.
    /// </summary>
    public string MicrosoftAppPasswordExpiresOn { get; set; } = string.Empty;

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Federated credentials (a managed identity's token stands in for the secret).</summary>
    public bool IsFederated => !IsAnonymous && !string.IsNullOrWhiteSpace(MicrosoftAppClientId);

    /// <summary>A plain managed-identity bot (<c>UserAssignedMSI</c>): the SDK's own factory, no secret, one tenant.</summary>
    public bool IsManagedIdentityApp => MicrosoftAppType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether an app secret is in use at all; only then can one expire.</summary>
    public bool UsesAppSecret => !IsAnonymous && !IsFederated && !IsManagedIdentityApp;

    /// <summary>The parsed <see cref="MicrosoftAppPasswordExpiresOn"/>; null when it is empty or not an ISO date.</summary>
    public DateTimeOffset? PasswordExpiresOn => SecretExpiryDate.TryParse(MicrosoftAppPasswordExpiresOn, out var expires) ? expires : null;
}

/// <summary>Reads an expiry as Entra shows it: a date (<c>2027-03-31</c>, taken as its start in UTC) or an ISO date and time.</summary>
public static class SecretExpiryDate
{
    private static readonly string[] s_formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mmK"];

    public static bool TryParse(string? text, out DateTimeOffset expiresOn) =>
        DateTimeOffset.TryParseExact(
            text?.Trim(),
            s_formats,
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal,
            out expiresOn);
}

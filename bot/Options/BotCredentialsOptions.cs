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

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);
}

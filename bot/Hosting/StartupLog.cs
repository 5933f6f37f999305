using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;

namespace SupportBot.Bot.Hosting;

internal static partial class StartupLog
{
    /// <summary>Says at start-up whether requests are authenticated, so anonymous mode is never a surprise.</summary>
    public static void LogAuthenticationMode(this WebApplication app)
    {
        var credentials = app.Services.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SupportBot.Startup");
        if (credentials.IsAnonymous)
        {
            LogAnonymous(logger, app.Environment.EnvironmentName);
        }
        else
        {
            LogAuthenticated(logger, credentials.MicrosoftAppType, credentials.IsFederated ? "federated credentials of the managed identity, per conversation tenant"
                : credentials.IsManagedIdentityApp ? "the managed identity, in its one tenant"
                : "the client secret, per conversation tenant");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Local anonymous mode: no MicrosoftAppId is configured, so requests to /api/messages are not authenticated ({Environment}). Never run like this in Production.")]
    private static partial void LogAnonymous(ILogger logger, string environment);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Requests to /api/messages are authenticated ({AppType} app registration); the bot's own tokens: {Credential}.")]
    private static partial void LogAuthenticated(ILogger logger, string appType, string credential);
}

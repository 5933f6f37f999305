using Microsoft.Extensions.Options;
using SupportBot.Bot.Endpoints;
using SupportBot.Bot.Health;
using SupportBot.Bot.Hosting;
using SupportBot.Bot.RateLimiting;
using SupportBot.Bot.Subscriptions;
using SupportBot.Bot.Telemetry;
using SupportBot.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRootAppSettings();

// Content files that replace the embedded ones (the end-to-end test of changed content); read before any content loads.
SupportBot.Dialogs.ContentOverrides.Use(builder.Configuration["Content:OverrideDirectory"]);
builder.Services
    .AddSupportBotOptions(builder.Configuration)
    .AddSupportBotStorage()
    .AddSupportBot()
    .AddSupportBotSubscriptions(builder.Configuration)
    .AddSupportBotRateLimits(builder.Configuration)
    .AddSupportBotHealth(builder.Configuration)
    .AddSupportBotTelemetry(builder.Configuration);

var app = builder.Build();
app.MapMessagesEndpoint();
app.MapSupportBotHealth();

try
{
    app.LogAuthenticationMode();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // One line, so an operator sees the reason at once in the App Service log.
    await Console.Error.WriteLineAsync("SupportBot did not start: " + string.Join(" ", ex.Failures));
    return 1;
}

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;

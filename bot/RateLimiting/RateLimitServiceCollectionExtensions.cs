using Microsoft.Extensions.Options;

namespace SupportBot.Bot.RateLimiting;

public static class RateLimitServiceCollectionExtensions
{
    /// <summary>Per-person rate limits in the turn pipeline (<see cref="RateLimitMiddleware"/>), options validated at start.</summary>
    public static IServiceCollection AddSupportBotRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<PersonRateLimiter>();
        services.AddSingleton<RateLimitMiddleware>();
        services.AddSingleton<SupportBot.Dialogs.Privacy.IErasureTokenLedger, ErasureTokenLedger>();
        return services;
    }
}

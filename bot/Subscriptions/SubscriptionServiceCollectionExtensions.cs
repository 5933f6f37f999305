using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Questions;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Bot.Subscriptions;

public static class SubscriptionServiceCollectionExtensions
{
    /// <summary>Versioned content, subscriptions to its updates and the digest sent at start.</summary>
    public static IServiceCollection AddSupportBotSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IContentVersions>(sp => ContentVersions.From(
            sp.GetRequiredService<GuidanceContent>(), sp.GetRequiredService<ChecklistContent>(), sp.GetRequiredService<QuestionContent>()));
        services.AddSingleton<SubscriptionCards>();
        services.AddSingleton<SubscriptionDesk>();
        services.AddSingleton<DigestAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestAnnouncer>());
        return services;
    }
}

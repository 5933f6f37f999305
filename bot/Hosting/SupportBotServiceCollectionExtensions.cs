using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Adapter;
using SupportBot.Bot.Authentication;
using SupportBot.Bot.Deduplication;
using SupportBot.Bot.Endpoints;
using SupportBot.Bot.Demo;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Organisations;
using SupportBot.Bot.Tenants;
using SupportBot.Bot.Bots;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Proactive;
using SupportBot.Bot.Health;
using SupportBot.Bot.Options;
using SupportBot.Bot.Overview;
using SupportBot.Bot.Privacy;
using SupportBot.Storage.Tables;
using SupportBot.Bot.Telemetry;
using SupportBot.Cards;
using SupportBot.Bot.Mail;
using SupportBot.Dialogs.Cards;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Conversation;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Questions;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.Dialogs.Localization;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

using SupportBot.Dialogs.FollowUps;
using SupportBot.Storage.FollowUps;

namespace SupportBot.Bot.Hosting;

public static class SupportBotServiceCollectionExtensions
{
    /// <summary>Options bound from configuration and validated when the host starts.</summary>
    public static IServiceCollection AddSupportBotOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotCredentialsOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotCredentialsOptions>, BotCredentialsValidator>();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        // Every municipality and region by SCB code: the options validator checks Support:Tenants and Support:Managers against it.
        services.AddSingleton(_ => OrganisationDirectory.Load());
        services.AddOptions<SupportOptions>().Bind(configuration.GetSection(SupportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SupportOptions>, SupportOptionsValidator>();
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName))
            .Validate(o => o.OutboxPollSeconds is >= 1 and <= 300 && o.OutboxMaxAttempts is >= 1 and <= 20, "Teams:OutboxPollSeconds must be 1–300 and Teams:OutboxMaxAttempts 1–20.")
            .Validate(o => o.AllowedServiceHosts.All(h => !string.IsNullOrWhiteSpace(h) && !h.Contains('/', StringComparison.Ordinal)), "Teams:AllowedServiceHosts must be host names such as smba.trafficmanager.net or *.botframework.com.")
            .Validate(o => string.IsNullOrEmpty(o.ServiceUrl) || (Uri.TryCreate(o.ServiceUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"), "Teams:ServiceUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => !o.IsConfigured || System.Net.Mail.MailAddress.TryCreate(o.Sender, out _), "Smtp:Sender must be an e-mail address when Smtp:Host is set.")
            .ValidateOnStart();
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.SectionName))
            .Validate(o => o.CheckSeconds is >= 1 and <= 3600 && o.OfficeDays.All(d => d is >= 1 and <= 250) && o.OfficeDays.SequenceEqual(o.OfficeDays.Order().Distinct()), "Support:FollowUps:OfficeDays must be increasing office days 1–250, and CheckSeconds 1–3600.")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DialogEngineOptions>().Bind(configuration.GetSection(DialogEngineOptions.SectionName))
            .Validate(o => o.IdleMinutes is >= 1 and <= 1440 && o.MaxAttempts is >= 1 and <= 10, "Dialogs:IdleMinutes must be 1–1440 and Dialogs:MaxAttempts 1–10.")
            .ValidateOnStart();
        // The pseudonym key: required outside Development, where a missing key would silently make pseudonyms unlinkable across restarts.
        services.AddOptions<PseudonymOptions>().Bind(configuration.GetSection(PseudonymOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PseudonymOptions>>(sp => new PseudonymOptionsValidator(keyRequired: !sp.GetRequiredService<IHostEnvironment>().IsDevelopment()));
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>The Bot Framework adapter, the activity handler and what it uses.</summary>
    public static IServiceCollection AddSupportBot(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        // Table Storage comes from AddSupportBotStorage (storage/); the host counts what the case and escalation stores
        // save, and asks storage whether it answers.
        services.TryAddSingleton<SupportBotMetrics>();
        services.Replace(ServiceDescriptor.Singleton<ICaseStore>(sp => new MeteredCaseStore(sp.GetRequiredService<CaseRepository>(), sp.GetRequiredService<SupportBotMetrics>())));
        services.Replace(ServiceDescriptor.Singleton<IEscalationStore>(sp => new MeteredEscalationStore(sp.GetRequiredService<EscalationRepository>(), sp.GetRequiredService<SupportBotMetrics>())));
        services.AddHealthChecks().AddCheck<TableStorageHealthCheck>("table-storage", timeout: TimeSpan.FromSeconds(5));
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton(sp =>
        {
            var switchboard = sp.GetRequiredService<IOptions<SupportOptions>>().Value.Switchboard;
            return TextCatalog.Default.WithOrganisation(switchboard.Name, switchboard.FormerName);
        });
        services.AddSingleton(CardLibrary.Default);
        services.AddSingleton<CommandRecognizer>();
        services.AddSingleton<HelpCards>();
        services.AddSingleton(sp => SupportContactsFactory.From(sp.GetRequiredService<IOptions<SupportOptions>>().Value));
        services.AddSingleton(FlowCatalog.Default);
        services.AddSingleton(GuidanceContent.Default);
        services.AddSingleton(ChecklistContent.Default);
        // The question search's index is built once, at start, from the content files.
        services.AddSingleton(QuestionContent.Default);
        services.AddSingleton(QuestionIndex.Default);
        services.AddSingleton<QuestionDesk>();
        services.AddSingleton<DialogVocabulary>();
        services.AddSingleton<AnswerParser>();
        services.AddSingleton<IDialogRenderer, DialogCards>();
        services.AddSingleton<TriageCards>();
        services.AddSingleton<IFlowCompletion, TriageCompletion>();
        services.AddSingleton(sp =>
        {
            var support = sp.GetRequiredService<IOptions<SupportOptions>>().Value;
            return new TenantDirectory(
                sp.GetRequiredService<OrganisationDirectory>(),
                support.Tenants.Select(t => new KeyValuePair<string, IReadOnlyList<string>>(t.TenantId, t.Organisations)),
                support.Advisers.Select(a => a.TenantId));
        });
        services.AddSingleton<IStepChoiceSource, OrganisationChoices>();
        services.AddSingleton<PlaceCards>();
        services.AddSingleton<IPersonalChat, TeamsPersonalChat>();
        services.AddSingleton<TenantGateMiddleware>();
        services.AddSingleton<DialogEngine>();
        services.AddSingleton(EscalationRouter.Default);
        services.AddSingleton(sp =>
        {
            var hours = sp.GetRequiredService<IOptions<SupportOptions>>().Value.OfficeHours;
            return new OfficeCalendar(TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone), hours.Days, hours.Start, hours.End);
        });
        services.AddSingleton(sp => new AcknowledgementDeadlines(
            sp.GetRequiredService<OfficeCalendar>(),
            sp.GetRequiredService<IOptions<SupportOptions>>().Value.Deadlines));
        services.AddSingleton<EscalationDesk>();
        services.AddSingleton<EscalationCards>();
        services.AddSingleton<CaseLifecycle>();
        services.AddSingleton<AdviserDesk>();
        services.AddSingleton<ChecklistCards>();
        services.AddSingleton<ChecklistDesk>();
        services.AddSingleton<TeamsMessenger>();
        // The one proactive sender: to people (through the metered decorator below) and into shared chats (checklists).
        services.AddSingleton<IConversationPoster>(sp => sp.GetRequiredService<TeamsMessenger>());
        services.TryAddSingleton<SupportBotMetrics>();
        services.AddSingleton<ITeamsMessenger>(sp => new MeteredTeamsMessenger(sp.GetRequiredService<TeamsMessenger>(), sp.GetRequiredService<SupportBotMetrics>()));
        services.AddSingleton<IAdviserMail, SmtpAdviserMail>();
        services.AddSingleton(sp =>
        {
            var teams = sp.GetRequiredService<IOptions<TeamsOptions>>().Value;
            return new OutboxSettings(teams.OutboxPollSeconds, teams.OutboxMaxAttempts);
        });
        services.AddSingleton<OutboxProcessor>();
        services.AddHostedService<OutboxSender>();
        services.AddSingleton(sp => new ManagerDirectory(
            sp.GetRequiredService<TenantDirectory>(),
            sp.GetRequiredService<IOptions<SupportOptions>>().Value.Managers.Select(m => new ManagerEntry(m.AadObjectId, m.TenantId, m.Organisation))));
        services.AddSingleton<IOverviewChart, OverviewChart>();
        services.AddSingleton<OverviewCards>();
        services.AddSingleton<OverviewDesk>();
        services.AddHostedService<DemoSeeder>();
        services.AddSingleton(sp => new FollowUpSchedule(sp.GetRequiredService<OfficeCalendar>(), sp.GetRequiredService<IOptions<FollowUpOptions>>().Value.OfficeDays));
        services.AddSingleton<FollowUpCards>();
        services.AddSingleton<FollowUpDesk>();
        services.AddSingleton<FollowUpProcessor>();
        services.AddHostedService(sp => new PeriodicPass(
            "Follow-up", TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<FollowUpOptions>>().Value.CheckSeconds),
            sp.GetRequiredService<FollowUpProcessor>().ProcessDueAsync, sp.GetRequiredService<ILogger<PeriodicPass>>()));
        services.AddSingleton<DeadlineProcessor>();
        services.AddHostedService(sp => new PeriodicPass(
            "Deadline", TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SupportOptions>>().Value.DeadlineCheckSeconds),
            sp.GetRequiredService<DeadlineProcessor>().ProcessDueAsync, sp.GetRequiredService<ILogger<PeriodicPass>>()));
        // Privacy: erasure on request ("radera mina uppgifter") and retention (at start, then every RetentionIntervalMinutes).
        services.AddSingleton<IPersonalDataEraser, PersonalDataEraser>();
        services.AddSingleton<ErasureDesk>();
        services.AddSingleton<IRetentionSweep, RetentionSweeper>();
        services.AddHostedService<RetentionService>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<BotFrameworkAuthentication>(sp => CreateAuthentication(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IOptions<BotCredentialsOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<DeduplicationMiddleware>();
        services.AddSingleton<SupportBotAdapter>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<SupportBotAdapter>());
        services.AddSingleton<IBot, SupportActivityHandler>();
        return services;
    }

    /// <summary>
    /// The SDK's configuration-based authentication. In local anonymous mode (no app id) the SDK would refuse
    /// the SingleTenant default ("MicrosoftAppId is required for SingleTenant"), so the app type is cleared there.
    /// </summary>
    private static ConfigurationBotFrameworkAuthentication CreateAuthentication(IConfiguration configuration, BotCredentialsOptions credentials, ILoggerFactory loggers)
    {
        if (credentials.IsAnonymous)
        {
            configuration = new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppType"] = string.Empty })
                .Build();
        }

        return new ConfigurationBotFrameworkAuthentication(
            configuration,
            credentialsFactory: CredentialsFactory(credentials, loggers),
            logger: loggers.CreateLogger<ConfigurationBotFrameworkAuthentication>());
    }

    /// <summary>
    /// Who requests the bot's tokens: null (the SDK's own factory from configuration) in anonymous mode and for a plain
    /// managed-identity bot, which belongs to one tenant; otherwise a <see cref="TenantCredentialsFactory"/> that asks
    /// each conversation's tenant, with the secret or, when <c>MicrosoftAppClientId</c> is set, federated credentials.
    /// </summary>
    internal static ServiceClientCredentialsFactory? CredentialsFactory(BotCredentialsOptions credentials, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(loggers);
        return credentials.IsAnonymous || credentials.IsManagedIdentityApp
            ? null
            : new TenantCredentialsFactory(credentials, loggers.CreateLogger<TenantCredentialsFactory>());
    }
}

using Azure.Data.Tables;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Dialogs.Checklists;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.FollowUps;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Organisations;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Subscriptions;
using SupportBot.Dialogs.Triage;
using SupportBot.Storage.AuditEvents;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.ChecklistProgress;
using SupportBot.Storage.ConversationReferences;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.FollowUps;
using SupportBot.Storage.Cases;
using SupportBot.Storage.ProcessedActivities;
using SupportBot.Storage.ReporterCases;
using SupportBot.Storage.ShareTargets;
using SupportBot.Storage.State;
using SupportBot.Storage.Subscriptions;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Table Storage: one shared service client (from <see cref="StorageOptions"/>, bound by the host), the SDK's state
    /// over <see cref="TableStorage"/>, one repository per table with the interfaces the dialogs use, and every table's
    /// personal-data policy (<see cref="IPersonalDataTable"/>) for erasure and retention.
    /// </summary>
    public static IServiceCollection AddSupportBotStorage(this IServiceCollection services)
    {
        // A connection string (Azurite) or the table service URI with the managed identity: see TableClients.Select.
        services.AddSingleton(sp => TableClients.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<TableStorageProbe>();
        services.AddSingleton<IStorage>(sp => new TableStorage(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateTableName));
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();

        services.AddSingleton<ConversationReferenceRepository>();
        services.AddSingleton<IConversationReferenceRepository>(sp => sp.GetRequiredService<ConversationReferenceRepository>());
        services.AddSingleton<CaseNumberAllocator>();
        services.AddSingleton<ReporterCaseRepository>();
        services.AddSingleton<EscalationRepository>();
        services.AddSingleton<IEscalationStore>(sp => sp.GetRequiredService<EscalationRepository>());
        services.AddSingleton<IEscalationDeadlineStore>(sp => sp.GetRequiredService<EscalationRepository>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<EscalationRepository>());
        services.AddSingleton<IStorageFailures, StorageFailures>();
        services.AddSingleton<IOverviewEscalations>(sp => sp.GetRequiredService<EscalationRepository>());
        services.AddSingleton(sp => new CaseRepository(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<CaseNumberAllocator>(),
            sp.GetRequiredService<ReporterCaseRepository>(),
            sp.GetRequiredService<EscalationRepository>()));
        services.AddSingleton<ICaseStore>(sp => sp.GetRequiredService<CaseRepository>());
        services.AddSingleton<IOverviewCases>(sp => sp.GetRequiredService<CaseRepository>());
        services.AddSingleton<IOverviewSource, OverviewSource>();
        services.AddSingleton(sp => AuditRepository.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditRepository>());
        services.AddSingleton(sp => new StatePersonalData(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateTableName,
            sp.GetRequiredService<IConversationReferenceRepository>()));
        services.AddSingleton<ChecklistProgressRepository>();
        services.AddSingleton<IChecklistProgressStore>(sp => sp.GetRequiredService<ChecklistProgressRepository>());
        services.AddSingleton<ShareTargetRepository>();
        services.AddSingleton<IShareTargetStore>(sp => sp.GetRequiredService<ShareTargetRepository>());
        services.AddSingleton<ProcessedActivityRepository>();
        services.AddSingleton<FollowUpRepository>();
        services.AddSingleton<IFollowUpStore>(sp => sp.GetRequiredService<FollowUpRepository>());
        services.AddSingleton(sp => new SubscriptionRepository(sp.GetRequiredService<TableServiceClient>(), sp.GetService<TenantDirectory>()));
        services.AddSingleton<ISubscriptionStore>(sp => sp.GetRequiredService<SubscriptionRepository>());
        services.AddSingleton<IProcessedActivityStore>(sp => sp.GetRequiredService<ProcessedActivityRepository>());

        // Every table the app creates, in the order erasure and retention visit them: the SDK's state before the
        // conversation references (its erasure reads the person's personal chat from their reference); escalations
        // before the cases they hold (retention deletes a case only when no escalation holds it), the cases before their
        // index; tables without personal data are declared too, so that a table without a policy stands out.
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<StatePersonalData>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<EscalationRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<CaseRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<ReporterCaseRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<ChecklistProgressRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<ShareTargetRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<ConversationReferenceRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<ProcessedActivityRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<FollowUpRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<SubscriptionRepository>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<CaseNumberAllocator>());
        services.AddSingleton<IPersonalDataTable>(sp => sp.GetRequiredService<AuditRepository>());
        return services;
    }

    /// <summary>
    /// The personal-data policies of every table on <paramref name="tables"/>, in the same order as
    /// <see cref="AddSupportBotStorage"/> (for tests and tools that build repositories without a container).
    /// </summary>
    public static IReadOnlyList<IPersonalDataTable> PersonalDataTables(TableServiceClient tables)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
        services.AddSupportBotStorage();
        services.AddSingleton(tables); // registered last: replaces the client built from options
        return [.. services.BuildServiceProvider().GetServices<IPersonalDataTable>()];
    }
}

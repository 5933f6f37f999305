namespace SupportBot.Storage.Tables;

/// <summary>
/// The stored name of every table a repository owns, in one place. These are the names in existing deployments and
/// stay as they are whatever the code calls the concept (the cases live in <c>Incidents</c>). The SDK's state table is
/// configured instead (<see cref="StorageOptions.StateTableName"/>).
/// </summary>
public static class StoredTables
{
    public const string Incidents = "Incidents";
    public const string ReporterCases = "ReporterCases";
    public const string CaseCounters = "CaseCounters";
    public const string Escalations = "Escalations";
    public const string ConversationReferences = "ConversationReferences";
    public const string ChecklistProgress = "ChecklistProgress";
    public const string ShareTargets = "ShareTargets";
    public const string ProcessedActivities = "ProcessedActivities";
    public const string FollowUps = "FollowUps";
    public const string Subscriptions = "Subscriptions";
    public const string AuditEvents = "AuditEvents";
}

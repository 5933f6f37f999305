namespace SupportBot.Dialogs.Triage;

/// <summary>
/// Where triaged cases are kept (Table Storage in the bot: an incidents table partitioned by organisation).
/// Defined here so the dialogs stay free of storage details.
/// </summary>
public interface ICaseStore
{
    /// <summary>Saves a new case and gives it a unique, phone-readable number such as <c>HH-2026-1480-0042</c> (year, SCB code, number within the organisation).</summary>
    Task<CaseRecord> CreateAsync(NewCase newCase, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a new case, and runs <paramref name="alongside"/> (what else the new case starts, such as its follow-ups)
    /// at the same time as the case's own writes once the number is known: one round trip instead of two after each other.
    /// <paramref name="alongside"/> must tolerate a case that failed to save (the turn fails and is delivered again).
    /// </summary>
    Task<CaseRecord> CreateAsync(NewCase newCase, Func<CaseRecord, CancellationToken, Task> alongside, CancellationToken cancellationToken);

    /// <summary>The reporter's own cases, newest first.</summary>
    Task<IReadOnlyList<CaseRecord>> ListByReporterAsync(string reporterId, CancellationToken cancellationToken);

    /// <summary>One of the reporter's own cases; null when it does not exist or belongs to someone else.</summary>
    Task<CaseRecord?> GetForReporterAsync(string reporterId, string caseNumber, CancellationToken cancellationToken);

    /// <summary>A case by its organisation and number (for SKL's advisers, after they are authorised); null when there is none.</summary>
    Task<CaseRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken);
}

/// <summary>
/// A case about to be saved. <paramref name="OrganisationCode"/> is the SCB code of an organisation the reporter's
/// verified tenant (<paramref name="TenantId"/>) reports for; <paramref name="ReporterId"/> is the reporter's stable id
/// (AAD object id when Teams gives one).
/// </summary>
public sealed record NewCase(
    string TenantId,
    string OrganisationCode,
    string OrganisationName,
    string ReporterId,
    string ReporterName,
    Urgency Urgency,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset CreatedAt,
    string Language)
{
    /// <summary>The case as saved under <paramref name="number"/>, new.</summary>
    public CaseRecord SavedAs(string number) =>
        new(number, OrganisationCode, OrganisationName, ReporterId, ReporterName, Urgency, Answers, CreatedAt, CaseStatus.New, Language, TenantId);
}

/// <summary>
/// A saved case. <paramref name="OrganisationKey"/> is its partition: the organisation's SCB code (cases saved before
/// organisations came from the tenant keep their older name-based key). <paramref name="TenantId"/> is the reporter's
/// tenant (empty on those older cases).
/// </summary>
public sealed record CaseRecord(
    string CaseNumber,
    string OrganisationKey,
    string OrganisationName,
    string ReporterId,
    string ReporterName,
    Urgency Urgency,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset CreatedAt,
    string Status,
    string Language,
    string TenantId = "");

public static class CaseStatus
{
    public const string New = "Ny";
}

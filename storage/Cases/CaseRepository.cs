using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.ReporterCases;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.Cases;

/// <summary>
/// Cases in the <c>Incidents</c> table (partitioned by organisation), with the reporter's index kept through
/// <see cref="ReporterCaseRepository"/>. A new case is written first, its index entry second: if the second write fails
/// the case is still kept (and visible to its organisation), which is the safer half to have. Also the table's
/// personal-data policy: erasure pseudonymises the reporter; retention deletes old cases no escalation holds.
/// </summary>
public sealed partial class CaseRepository : TableOwner, ICaseStore, IOverviewCases, IPersonalDataTable
{
    private const int MaxListed = 20;
    private readonly ReporterCaseRepository _byReporter;
    private readonly EscalationRepository _escalations;
    private readonly CaseNumberAllocator _numbers;
    private readonly IReadOnlySet<string> _freeTextSteps;

    /// <param name="tables">The table service.</param>
    /// <param name="numbers">Hands out case numbers.</param>
    /// <param name="byReporter">The reporter's index (a new one on <paramref name="tables"/> when null).</param>
    /// <param name="escalations">Asked whether an escalation still holds a case retention would delete (a new one when null).</param>
    /// <param name="flows">Says which triage answers are free text, removed on erasure (<see cref="FlowCatalog.Default"/> when null).</param>
    public CaseRepository(TableServiceClient tables, CaseNumberAllocator numbers, ReporterCaseRepository? byReporter = null, EscalationRepository? escalations = null, FlowCatalog? flows = null)
        : base(tables, StoredTables.Incidents)
    {
        _byReporter = byReporter ?? new ReporterCaseRepository(tables);
        _escalations = escalations ?? new EscalationRepository(tables);
        _numbers = numbers;

        // Free-text answers (the description) go on erasure; choices stay for the organisation's statistics. The
        // organisation answer is its own step kind and stays: it is the case's partition and the overview's key.
        _freeTextSteps = (flows ?? FlowCatalog.Default)[TriageCompletion.TriageFlowId].Steps.Where(s => s.Kind == StepKind.Text).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
    }

    public Task<CaseRecord> CreateAsync(NewCase newCase, CancellationToken cancellationToken) =>
        CreateAsync(newCase, static (_, _) => Task.CompletedTask, cancellationToken);

    public async Task<CaseRecord> CreateAsync(NewCase newCase, Func<CaseRecord, CancellationToken, Task> alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        ArgumentNullException.ThrowIfNull(alongside);
        ArgumentException.ThrowIfNullOrWhiteSpace(newCase.TenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newCase.OrganisationName);
        ArgumentException.ThrowIfNullOrWhiteSpace(newCase.ReporterId);
        if (!OrganisationKeys.IsValidKey(newCase.OrganisationCode))
        {
            throw new ArgumentException("The organisation code is not a valid organisation key.", nameof(newCase));
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var number = await _numbers.NextAsync(newCase.OrganisationCode, newCase.CreatedAt.Year, cancellationToken).ConfigureAwait(false);
        var record = newCase.SavedAs(number);

        // The case, the reporter's index row and what the case starts go out together (one round trip, not three): an
        // index row or follow-up whose case failed to save is skipped when read, so no order leaves anything visible half.
        await Task.WhenAll(
            Table.AddEntityAsync(ToEntity(record), cancellationToken),
            _byReporter.AddAsync(record.ReporterId, number, record.OrganisationKey, record.CreatedAt, cancellationToken),
            alongside(record, cancellationToken)).ConfigureAwait(false);
        return record;
    }

    public async Task<IReadOnlyList<CaseRecord>> ListByReporterAsync(string reporterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reporterId);
        var index = await _byReporter.ListAsync(reporterId, cancellationToken).ConfigureAwait(false);
        var newest = index.OrderByDescending(e => e.CreatedAt).Take(MaxListed).ToList();
        var records = await Task.WhenAll(newest.Select(e => ReadAsync(e.OrganisationKey, e.CaseNumber, cancellationToken))).ConfigureAwait(false);
        return records.Where(r => r is not null && r.ReporterId == reporterId).Select(r => r!).ToList();
    }

    public async Task<CaseRecord?> GetForReporterAsync(string reporterId, string caseNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reporterId);
        if (string.IsNullOrWhiteSpace(caseNumber) || caseNumber.Length > 32 || !caseNumber.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }

        // A number of the organisation form names its partition (HH-2026-1480-0042 → 1480): one read, no index lookup.
        if (CaseNumberAllocator.OrganisationOf(caseNumber) is { } organisationKey)
        {
            try
            {
                var direct = await ReadAsync(organisationKey, caseNumber, cancellationToken).ConfigureAwait(false);
                return direct?.ReporterId == reporterId ? direct : null;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
        }

        if (await _byReporter.FindOrganisationAsync(reporterId, caseNumber, cancellationToken).ConfigureAwait(false) is not { } indexed)
        {
            return null;
        }

        var record = await ReadAsync(indexed, caseNumber, cancellationToken).ConfigureAwait(false);
        return record?.ReporterId == reporterId ? record : null;
    }

    /// <summary>A case by its organisation and number, for the bot's own services (not scoped to a reporter).</summary>
    public Task<CaseRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken) =>
        ReadAsync(organisationKey, caseNumber, cancellationToken);

    private async Task<CaseRecord?> ReadAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<CaseEntity>(organisationKey, caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>A hash, so reporters' ids never appear as keys (and any id is a valid key).</summary>
    internal static string ReporterPartition(string reporterId) =>
        ReporterCaseRepository.ReporterPartition(reporterId);

    private static CaseEntity ToEntity(CaseRecord record) => new()
    {
        PartitionKey = record.OrganisationKey,
        RowKey = record.CaseNumber,
        OrganisationName = record.OrganisationName,
        OrganisationCode = record.OrganisationKey,
        TenantId = record.TenantId,
        ReporterId = record.ReporterId,
        ReporterName = record.ReporterName,
        Urgency = record.Urgency.Code(),
        AnswersJson = JsonSerializer.Serialize(record.Answers),
        CreatedAt = record.CreatedAt,
        Status = record.Status,
        Language = record.Language,
    };

    private static CaseRecord FromEntity(CaseEntity entity) => new(
        entity.RowKey,
        entity.PartitionKey,
        entity.OrganisationName,
        entity.ReporterId,
        entity.ReporterName,
        Urgencies.Parse(entity.Urgency),
        JsonSerializer.Deserialize<Dictionary<string, string>>(entity.AnswersJson) ?? [],
        entity.CreatedAt,
        entity.Status,
        entity.Language,
        entity.TenantId ?? string.Empty);
}

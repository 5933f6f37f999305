using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Bot.Incidents;

/// <summary>
/// Cases in Table Storage: <c>Incidents</c> (partitioned by organisation) and the reporter's index
/// <c>ReporterCases</c>. A new case is written first, its index entry second: if the second write fails the case
/// is still kept (and visible to its organisation), which is the safer half to have.
/// </summary>
public sealed class IncidentRepository : ICaseStore
{
    public const string IncidentsTable = "Incidents";
    public const string ReporterCasesTable = "ReporterCases";

    private const int MaxListed = 20;
    private readonly TableClient _incidents;
    private readonly TableClient _byReporter;
    private readonly CaseNumberAllocator _numbers;
    private readonly AsyncOnce _created;

    public IncidentRepository(TableServiceClient tables, CaseNumberAllocator numbers)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _incidents = tables.GetTableClient(IncidentsTable);
        _byReporter = tables.GetTableClient(ReporterCasesTable);
        _numbers = numbers;
        _created = new AsyncOnce(async ct =>
        {
            await _incidents.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            await _byReporter.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        });
    }

    public async Task<CaseRecord> CreateAsync(NewCase newCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        ArgumentException.ThrowIfNullOrWhiteSpace(newCase.TenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newCase.OrganisationName);
        ArgumentException.ThrowIfNullOrWhiteSpace(newCase.ReporterId);
        if (!OrganisationKeys.IsValidKey(newCase.OrganisationCode))
        {
            throw new ArgumentException("The organisation code is not a valid organisation key.", nameof(newCase));
        }

        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var number = await _numbers.NextAsync(newCase.OrganisationCode, newCase.CreatedAt.Year, cancellationToken).ConfigureAwait(false);
        var record = new CaseRecord(
            number,
            newCase.OrganisationCode,
            newCase.OrganisationName,
            newCase.ReporterId,
            newCase.ReporterName,
            newCase.Urgency,
            newCase.Answers,
            newCase.CreatedAt,
            CaseStatus.New,
            newCase.Language,
            newCase.TenantId);

        await _incidents.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
        await _byReporter.UpsertEntityAsync(
            new ReporterCaseEntity
            {
                PartitionKey = ReporterPartition(record.ReporterId),
                RowKey = number,
                OrganisationKey = record.OrganisationKey,
                CreatedAt = record.CreatedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        return record;
    }

    public async Task<IReadOnlyList<CaseRecord>> ListByReporterAsync(string reporterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reporterId);
        var index = new List<ReporterCaseEntity>();
        try
        {
            var partition = ReporterPartition(reporterId);
            await foreach (var entry in _byReporter.QueryAsync<ReporterCaseEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                index.Add(entry);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        var newest = index.OrderByDescending(e => e.CreatedAt).Take(MaxListed).ToList();
        var records = await Task.WhenAll(newest.Select(e => ReadAsync(e.OrganisationKey, e.RowKey, cancellationToken))).ConfigureAwait(false);
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

        NullableResponse<ReporterCaseEntity> entry;
        try
        {
            entry = await _byReporter.GetEntityIfExistsAsync<ReporterCaseEntity>(ReporterPartition(reporterId), caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        if (!entry.HasValue)
        {
            return null;
        }

        var record = await ReadAsync(entry.Value!.OrganisationKey, caseNumber, cancellationToken).ConfigureAwait(false);
        return record?.ReporterId == reporterId ? record : null;
    }

    /// <summary>A case by its organisation and number, for the bot's own services (not scoped to a reporter).</summary>
    public Task<CaseRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken) =>
        ReadAsync(organisationKey, caseNumber, cancellationToken);

    private async Task<CaseRecord?> ReadAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        var response = await _incidents.GetEntityIfExistsAsync<IncidentEntity>(organisationKey, caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>A hash, so reporters' ids never appear as keys (and any id is a valid key).</summary>
    internal static string ReporterPartition(string reporterId) =>
        KeyHash.Of(reporterId);

    private static IncidentEntity ToEntity(CaseRecord record) => new()
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

    private static CaseRecord FromEntity(IncidentEntity entity) => new(
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

using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.ReporterCases;

/// <summary>An entry of a reporter's index: which organisation's partition holds the case.</summary>
public sealed record ReporterCase(string ReporterPartition, string CaseNumber, string OrganisationKey, DateTimeOffset CreatedAt, string ETag);

/// <summary>
/// The reporter's index of their own cases in the <c>ReporterCases</c> table, one partition per reporter (a hash of
/// their id). The cases themselves are in <c>Incidents</c>; that repository writes and removes entries through this one.
/// </summary>
public sealed class ReporterCaseRepository(TableServiceClient tables) : TableOwner(tables, StoredTables.ReporterCases), IPersonalDataTable
{
    private const int MaxBatch = 100;

    /// <summary>A hash, so reporters' ids never appear as keys (and any id is a valid key).</summary>
    public static string ReporterPartition(string reporterId) =>
        KeyHash.Of(reporterId);

    public async Task AddAsync(string reporterId, string caseNumber, string organisationKey, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reporterId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Table.UpsertEntityAsync(
            new ReporterCaseEntity
            {
                PartitionKey = ReporterPartition(reporterId),
                RowKey = caseNumber,
                OrganisationKey = organisationKey,
                CreatedAt = createdAt,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reporter's entries (unordered); none when the table does not exist yet.</summary>
    public async Task<IReadOnlyList<ReporterCase>> ListAsync(string reporterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reporterId);
        var index = new List<ReporterCase>();
        try
        {
            var partition = ReporterPartition(reporterId);
            await foreach (var entry in Table.QueryAsync<ReporterCaseEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                index.Add(ToRecord(entry));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return index;
    }

    /// <summary>The organisation partition of one of the reporter's cases; null when the index has no such entry.</summary>
    public async Task<string?> FindOrganisationAsync(string reporterId, string caseNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reporterId);
        try
        {
            var entry = await Table.GetEntityIfExistsAsync<ReporterCaseEntity>(ReporterPartition(reporterId), caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
            return entry.HasValue ? entry.Value!.OrganisationKey : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes one entry whatever its ETag; false when it was not there.</summary>
    public Task<bool> DeleteAsync(string reporterId, string caseNumber, CancellationToken cancellationToken) =>
        DeleteIfUnchangedAsync(ReporterPartition(reporterId), caseNumber, ETag.All, cancellationToken);

    /// <summary>Entries created before <paramref name="cutoff"/> (retention looks for those whose case is gone).</summary>
    public async Task<IReadOnlyList<ReporterCase>> OlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var old = new List<ReporterCase>();
        await foreach (var row in Table.QueryAsync<ReporterCaseEntity>(TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            old.Add(ToRecord(row));
        }

        return old;
    }

    /// <summary>Removes an entry unless it changed since it was read (its ETag); false when it was not removed.</summary>
    public Task<bool> DeleteAsync(ReporterCase entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return DeleteIfUnchangedAsync(entry.ReporterPartition, entry.CaseNumber, new ETag(entry.ETag), cancellationToken);
    }

    /// <summary>The person's whole index partition, unconditionally (whatever was written meanwhile is theirs too).</summary>
    public async Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return RowCounts.Of(RowKinds.CaseIndexRows, await TablePartitions.DeleteAsync(Table, ReporterPartition(person.Id), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Entries go with their case (the incidents' retention); nothing of this table's own is swept.</summary>
    public Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken) => Task.FromResult(RowCounts.None);

    private static ReporterCase ToRecord(ReporterCaseEntity entity) =>
        new(entity.PartitionKey, entity.RowKey, entity.OrganisationKey, entity.CreatedAt, entity.ETag.ToString());
}

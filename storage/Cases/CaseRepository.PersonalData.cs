using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.Cases;

/// <summary>
/// The <c>Incidents</c> table's personal data. Erasure: the reporter id becomes <see cref="PersonRef.Pseudonym"/>,
/// the name and free-text answers <see cref="ErasedPeople.Removed"/>, each case by a read-modify-write guarded by its
/// ETag; cases are found by a filter on the reporter id (not through the index, which a failed write can leave short).
/// Retention: a case created before the cut-off goes when no escalation holds it any more (the escalations' retention
/// runs first and removes escalations that have not changed since the cut-off): first any rows left of its
/// escalation, then its index entry, then the case; index entries whose case is gone go too.
/// </summary>
public sealed partial class CaseRepository
{
    /// <summary>A lost ETag race re-reads and tries again; more than this many losses in a row is not a race.</summary>
    private const int Attempts = 5;

    public async Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var cases = 0;
        await foreach (var row in Table.QueryAsync<CaseEntity>(TableClient.CreateQueryFilter($"ReporterId eq {person.Id}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (await PseudonymiseCaseAsync(row.PartitionKey, row.RowKey, person, cancellationToken).ConfigureAwait(false))
            {
                cases++;

                // Only now (the case no longer holds the name) may the delivered cards be rendered again.
                await _escalations.QueueErasedUpdateAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
            }
        }

        return RowCounts.Of(RowKinds.Cases, cases);
    }

    public async Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = run.Cutoff;
        var old = new List<(string Organisation, string CaseNumber)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            old.Add((row.PartitionKey, row.RowKey));
        }

        var counts = RowCounts.None;
        foreach (var (organisation, number) in old)
        {
            counts = counts.Plus(await DeleteOldCaseAsync(organisation, number, cutoff, cancellationToken).ConfigureAwait(false));
        }

        return counts.Plus(RowCounts.Of(RowKinds.CaseIndexRows, await DeleteOrphanIndexRowsAsync(cutoff, cancellationToken).ConfigureAwait(false)));
    }

    private async Task<RowCounts> DeleteOldCaseAsync(string organisation, string number, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var incident = await Table.GetEntityIfExistsAsync<CaseEntity>(organisation, number, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!incident.HasValue || incident.Value!.CreatedAt >= cutoff
            || await _escalations.GetAsync(organisation, number, cancellationToken).ConfigureAwait(false) is not null)
        {
            // Gone meanwhile, or still held by its escalation (being handled): kept, escalation and case together.
            return RowCounts.None;
        }

        // Notifications or posted cards a half-done run left without their escalation go first.
        if (await _escalations.DeleteCaseRowsAsync(organisation, number, cancellationToken).ConfigureAwait(false) is not { } leftovers)
        {
            return RowCounts.None;
        }

        var record = incident.Value;
        var index = !string.IsNullOrEmpty(record.ReporterId) && await _byReporter.DeleteAsync(record.ReporterId, number, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        var deleted = await DeleteIfUnchangedAsync(organisation, number, record.ETag, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        return leftovers.Plus(RowCounts.Of((RowKinds.Cases, deleted), (RowKinds.CaseIndexRows, index)));
    }

    /// <summary>Index entries older than the cut-off whose case is gone (left by a run stopped between the two deletes).</summary>
    private async Task<int> DeleteOrphanIndexRowsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var entry in await _byReporter.OlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            var incident = await Table.GetEntityIfExistsAsync<TableEntity>(entry.OrganisationKey, entry.CaseNumber, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!incident.HasValue && await _byReporter.DeleteAsync(entry, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Replaces the case's reporter with the pseudonym (ETag-guarded; re-read on a lost race). False when it was not theirs (any more).</summary>
    private async Task<bool> PseudonymiseCaseAsync(string organisationKey, string caseNumber, PersonRef person, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<CaseEntity>(organisationKey, caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue || found.Value!.ReporterId != person.Id)
            {
                return false;
            }

            var entity = found.Value;
            entity.ReporterId = person.Pseudonym;
            entity.ReporterName = ErasedPeople.Removed;
            entity.AnswersJson = WithoutFreeText(entity.AnswersJson);
            try
            {
                await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Changed since it was read (or removed by retention): read again.
            }
        }

        throw new StorageConcurrencyException($"Could not pseudonymise a case after {Attempts} attempts.");
    }

    private string WithoutFreeText(string answersJson)
    {
        var answers = JsonSerializer.Deserialize<Dictionary<string, string>>(answersJson) ?? [];
        foreach (var step in _freeTextSteps.Where(answers.ContainsKey))
        {
            answers[step] = ErasedPeople.Removed;
        }

        return JsonSerializer.Serialize(answers);
    }
}

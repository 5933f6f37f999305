using Azure.Data.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.Escalations;

/// <summary>
/// The <c>Escalations</c> table's personal data and the overview's query on it. Erasure, per case in transactions of its
/// partition (every row guarded by the ETag it was read with): the escalation's reporter id becomes the pseudonym and its
/// closing note <see cref="ErasedPeople.Removed"/>, notifications and posted cards addressed to the person are deleted,
/// and the text they sent to the adviser is removed. Retention: an escalation that has not changed since the cut-off
/// goes with its notifications and posted cards (the escalation row last, so none is left without it).
/// </summary>
public sealed partial class EscalationRepository
{
    private const int Attempts = 5;

    /// <summary>The tag of the notice that updates a case's delivered cards once its reporter is erased.</summary>
    private const string ErasedUpdateTag = "erased";

    private static readonly string[] s_overviewColumns = [nameof(EscalationEntity.EscalatedAt), nameof(EscalationEntity.Status), nameof(EscalationEntity.AcknowledgedAt)];

    public async Task<IReadOnlyList<OverviewEscalation>> OverviewEscalationsAsync(string organisationKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        var rows = new List<OverviewEscalation>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organisationKey} and RowKey ge {EscalationEntity.RowPrefix} and RowKey lt {"case}"} and EscalatedAt ge {since}");
            await foreach (var e in Table.QueryAsync<EscalationEntity>(filter, maxPerPage: 1000, select: s_overviewColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new OverviewEscalation(e.EscalatedAt, e.Status != EscalationStatus.Closed, e.AcknowledgedAt));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The table does not exist yet: no escalations.
        }

        return rows;
    }

    public async Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        // Escalations of the person's cases, and any row addressed to them (an escalation whose case went first).
        var counts = RowCounts.None;
        var touched = new HashSet<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"ReporterId eq {person.Id} or Recipient eq {person.Id}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "CaseNumber"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var caseNumber = row.GetString("CaseNumber");
            if (!string.IsNullOrEmpty(caseNumber) && touched.Add((row.PartitionKey, caseNumber)))
            {
                counts = counts.Plus(await PseudonymiseCaseAsync(row.PartitionKey, caseNumber, person, cancellationToken).ConfigureAwait(false));
            }
        }

        return counts;
    }

    /// <summary>
    /// After the case itself was pseudonymised: every card delivered about it (the adviser's case cards and information
    /// messages) is updated in place through the outbox, like any change, to show the pseudonym and no free text. Due at
    /// the escalation's last change, so it is due at once whatever the clock; once per case (a repeat finds it queued).
    /// </summary>
    public async Task QueueErasedUpdateAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        if (await FindAsync<EscalationEntity>(organisationKey, EscalationEntity.RowPrefix + caseNumber, cancellationToken).ConfigureAwait(false) is not { } escalation)
        {
            // Never escalated: nothing was delivered.
            return;
        }

        var due = escalation.ChangedAt is { } changed && changed > escalation.EscalatedAt ? changed : escalation.EscalatedAt;
        await QueueAsync(organisationKey, caseNumber, new EscalationNotice(NoticeRecipients.Posts, string.Empty, NoticeKinds.Update, ErasedUpdateTag), due, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = run.Cutoff;
        var candidates = new HashSet<(string Organisation, string CaseNumber)>();
        var oldEscalations = TableClient.CreateQueryFilter($"RowKey ge {EscalationEntity.RowPrefix} and RowKey lt {"case}"} and EscalatedAt lt {cutoff}");
        await foreach (var row in Table.QueryAsync<TableEntity>(oldEscalations, select: ["PartitionKey", "CaseNumber"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("CaseNumber") is { Length: > 0 } number)
            {
                candidates.Add((row.PartitionKey, number));
            }
        }

        var counts = RowCounts.None;
        foreach (var (organisation, number) in candidates)
        {
            var rows = await CaseRowsAsync(organisation, number, cancellationToken).ConfigureAwait(false);
            var escalation = rows.FirstOrDefault(r => r.RowKey.StartsWith(EscalationEntity.RowPrefix, StringComparison.Ordinal));
            var lastChange = new[] { escalation?.GetDateTimeOffset("EscalatedAt"), escalation?.GetDateTimeOffset("ChangedAt") }.Max();
            if (escalation is null || lastChange >= cutoff)
            {
                // Still being handled (or gone meanwhile): kept, escalation and case together.
                continue;
            }

            counts = counts.Plus(await DeleteRowsAsync(rows, cancellationToken).ConfigureAwait(false) ?? RowCounts.None);
        }

        return counts;
    }

    /// <summary>
    /// Deletes every row of one case (for the incidents' retention: what a half-done run left without its escalation).
    /// Null when a row changed meanwhile: then the case is kept for the next run.
    /// </summary>
    public async Task<RowCounts?> DeleteCaseRowsAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await DeleteRowsAsync(await CaseRowsAsync(organisationKey, caseNumber, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The rows in transactions of the partition (the escalation itself last: <see cref="CaseRowsAsync"/> puts it there),
    /// each with the ETag it was read with, so a row changed meanwhile stops the deletion of this case.
    /// </summary>
    private async Task<RowCounts?> DeleteRowsAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.Chunk(TablePartitions.MaxBatch))
        {
            try
            {
                await Table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
            {
                // Changed or removed by someone else meanwhile: the next run looks again.
                return null;
            }
        }

        return Counts(rows);
    }

    /// <summary>
    /// The escalation of one case and its notifications and posted cards, changed together in transactions of the
    /// partition, every row guarded by the ETag it was read with (the escalation row in the first one).
    /// </summary>
    private async Task<RowCounts> PseudonymiseCaseAsync(string organisationKey, string caseNumber, PersonRef person, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var changed = new List<TableEntity>();
            var actions = new List<TableTransactionAction>();
            foreach (var row in await CaseRowsAsync(organisationKey, caseNumber, cancellationToken).ConfigureAwait(false))
            {
                if (Pseudonymise(row, person) is { } change)
                {
                    actions.Add(change);
                    changed.Add(row);
                }
            }

            try
            {
                foreach (var batch in actions.Chunk(TablePartitions.MaxBatch))
                {
                    await Table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                return Counts(changed);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
            {
                // A notification was claimed or the case changed meanwhile: read the rows again (what is done stays done).
            }
        }

        throw new StorageConcurrencyException($"Could not pseudonymise an escalation after {Attempts} attempts.");
    }

    /// <summary>The change one row needs, or null when it holds nothing of the person.</summary>
    private static TableTransactionAction? Pseudonymise(TableEntity row, PersonRef person)
    {
        var addressedToPerson = row.GetString("Recipient") == person.Id;
        if (row.RowKey.StartsWith(EscalationEntity.RowPrefix, StringComparison.Ordinal))
        {
            if (row.GetString("ReporterId") != person.Id)
            {
                return null;
            }

            // The closing note was written to the reporter and may name them; the status and dates stay.
            row["ReporterId"] = person.Pseudonym;
            if (row.GetString("ClosingNote") is not null)
            {
                row["ClosingNote"] = ErasedPeople.Removed;
            }

            return new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);
        }

        if (addressedToPerson)
        {
            // A notification to them, or a card posted to them: they cannot be reached any more, and the row holds their id
            // (a posted card's row also their conversation reference with their name).
            return new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag);
        }

        // What the reporter sent to the adviser is their free text.
        if (row.RowKey.StartsWith(OutboxEntity.RowPrefix, StringComparison.Ordinal)
            && row.GetString("Kind") == NoticeKinds.Information
            && row.GetString("Payload") is { } payload && payload != ErasedPeople.Removed)
        {
            row["Payload"] = ErasedPeople.Removed;
            return new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);
        }

        return null;
    }

    /// <summary>Every row of one case in its partition: out|N|…, post|N|…, then case|N last.</summary>
    private async Task<IReadOnlyList<TableEntity>> CaseRowsAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(organisationKey, EscalationEntity.RowPrefix + caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var prefix in new[] { $"{OutboxEntity.RowPrefix}{caseNumber}|", $"{CardPostEntity.RowPrefix}{caseNumber}|" })
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organisationKey} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }
        }

        // The escalation row last: deleting in this order leaves no notification without its escalation.
        if (found.HasValue)
        {
            rows.Add(found.Value!);
        }

        return rows;
    }

    private static RowCounts Counts(IReadOnlyCollection<TableEntity> rows) => RowCounts.Of(
        (RowKinds.Escalations, rows.Count(r => r.RowKey.StartsWith(EscalationEntity.RowPrefix, StringComparison.Ordinal))),
        (RowKinds.Notifications, rows.Count(r => r.RowKey.StartsWith(OutboxEntity.RowPrefix, StringComparison.Ordinal))),
        (RowKinds.CardPosts, rows.Count(r => r.RowKey.StartsWith(CardPostEntity.RowPrefix, StringComparison.Ordinal))));
}

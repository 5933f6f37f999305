using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportBot.Bot.Checklists;
using SupportBot.Bot.ConversationReferences;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Incidents;
using SupportBot.Storage.State;
using SupportBot.Storage.Subscriptions;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Bot.Privacy;

/// <summary>
/// Erasure in Table Storage. Deleted: the person's conversation reference, checklist progress, share targets and their
/// index of own cases, and their subscriptions with digest claims. Pseudonymised, each row by a read-modify-write guarded by its ETag: in <c>Incidents</c> the
/// reporter id (→ <see cref="ErasedPeople.Pseudonym"/>), name and free-text answers (→ <see cref="ErasedPeople.Removed"/>);
/// in <c>Escalations</c>, per case in one transaction of its partition, the reporter id and closing note of the
/// escalation, notifications and posted cards addressed to the person (deleted) and the text they sent to the adviser.
/// Cases are found by a filter on the reporter id (not only through the index, which a failed write can leave short),
/// so a repeated run finds only what is left.
/// </summary>
public sealed partial class PersonalDataEraser : IPersonalDataEraser
{
    /// <summary>A lost ETag race re-reads and tries again; more than this many losses in a row is not a race.</summary>
    private const int Attempts = 5;

    private const int MaxBatch = 100;

    private readonly TableClient _incidents;
    private readonly TableClient _byReporter;
    private readonly TableClient _escalations;
    private readonly TableClient _references;
    private readonly TableClient _progress;
    private readonly TableClient _targets;
    private readonly AsyncOnce _created;
    private readonly SubscriptionRepository _subscriptions;
    private readonly IReadOnlySet<string> _freeTextSteps;
    private readonly ILogger<PersonalDataEraser> _logger;

    public PersonalDataEraser(TableServiceClient tables, FlowCatalog flows, ILogger<PersonalDataEraser> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(flows);
        _incidents = tables.GetTableClient(IncidentRepository.IncidentsTable);
        _byReporter = tables.GetTableClient(IncidentRepository.ReporterCasesTable);
        _escalations = tables.GetTableClient(EscalationRepository.TableName);
        _references = tables.GetTableClient(ConversationReferenceRepository.TableName);
        _progress = tables.GetTableClient(ChecklistProgressRepository.TableName);
        _targets = tables.GetTableClient(ShareTargetRepository.TableName);
        _subscriptions = new SubscriptionRepository(tables);
        TableClient[] all = [_incidents, _byReporter, _escalations, _references, _progress, _targets];
        _created = new AsyncOnce(async ct =>
        {
            foreach (var table in all)
            {
                await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            }
        });

        // Free-text answers (the description) go; choices stay for the organisation's statistics. The organisation
        // answer is its own step kind and stays: it is the case's partition and the overview's key.
        _freeTextSteps = flows[TriageCompletion.TriageFlowId].Steps.Where(s => s.Kind == StepKind.Text).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        _logger = logger;
    }

    public async Task<ErasureResult> EraseAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var total = ErasureResult.None;
        foreach (var id in personIds.Where(id => !string.IsNullOrWhiteSpace(id) && !ErasedPeople.IsPseudonym(id)).Distinct(StringComparer.Ordinal))
        {
            var pseudonym = ErasedPeople.Pseudonym(id);
            var cases = 0;
            await foreach (var row in _incidents.QueryAsync<IncidentEntity>(TableClient.CreateQueryFilter($"ReporterId eq {id}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                cases += await PseudonymiseCaseAsync(row.PartitionKey, row.RowKey, id, pseudonym, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            // Escalations of the person's cases, and any row addressed to them (an escalation whose case went first).
            var escalations = (0, 0, 0);
            var touched = new HashSet<(string, string)>();
            var filter = TableClient.CreateQueryFilter($"ReporterId eq {id} or Recipient eq {id}");
            await foreach (var row in _escalations.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "CaseNumber"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var caseNumber = row.GetString("CaseNumber");
                if (!string.IsNullOrEmpty(caseNumber) && touched.Add((row.PartitionKey, caseNumber)))
                {
                    var (e, n, p) = await PseudonymiseEscalationAsync(row.PartitionKey, caseNumber, id, pseudonym, cancellationToken).ConfigureAwait(false);
                    escalations = (escalations.Item1 + e, escalations.Item2 + n, escalations.Item3 + p);
                }
            }

            var person = KeyHash.Of(id);
            await DeletePartitionAsync(_byReporter, person, cancellationToken).ConfigureAwait(false);
            var checklistRows = await DeletePartitionAsync(_progress, person, cancellationToken).ConfigureAwait(false);
            var shareTargets = await DeletePartitionAsync(_targets, person, cancellationToken).ConfigureAwait(false);
            var references = await DeletePartitionAsync(_references, person, cancellationToken).ConfigureAwait(false);
            await _subscriptions.EraseAsync(id, cancellationToken).ConfigureAwait(false);
            total = new ErasureResult(
                total.Cases + cases,
                total.Escalations + escalations.Item1,
                total.Notifications + escalations.Item2,
                total.CardPosts + escalations.Item3,
                total.ChecklistRows + checklistRows,
                total.ShareTargets + shareTargets,
                total.References + references);
        }

        LogErased(_logger, total.Cases, total.Escalations, total.Notifications, total.CardPosts, total.ChecklistRows, total.ShareTargets, total.References);
        return total;
    }

    /// <summary>Replaces the case's reporter with the pseudonym (ETag-guarded; re-read on a lost race). False when it was not theirs (any more).</summary>
    private async Task<bool> PseudonymiseCaseAsync(string organisationKey, string caseNumber, string personId, string pseudonym, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await _incidents.GetEntityIfExistsAsync<IncidentEntity>(organisationKey, caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue || found.Value!.ReporterId != personId)
            {
                return false;
            }

            var entity = found.Value;
            entity.ReporterId = pseudonym;
            entity.ReporterName = ErasedPeople.Removed;
            entity.AnswersJson = WithoutFreeText(entity.AnswersJson);
            try
            {
                await _incidents.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Changed since it was read (or removed by retention): read again.
            }
        }

        throw new StorageConcurrencyException($"Could not pseudonymise a case after {Attempts} attempts.");
    }

    /// <summary>
    /// The escalation of one case and its notifications and posted cards, changed together in transactions of the
    /// partition, every row guarded by the ETag it was read with (the escalation row in the first one).
    /// </summary>
    private async Task<(int Escalations, int Notifications, int Posts)> PseudonymiseEscalationAsync(string organisationKey, string caseNumber, string personId, string pseudonym, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var actions = new List<TableTransactionAction>();
            var counts = (Escalations: 0, Notifications: 0, Posts: 0);
            foreach (var row in await CaseRowsAsync(_escalations, organisationKey, caseNumber, cancellationToken).ConfigureAwait(false))
            {
                var change = Pseudonymise(row, personId, pseudonym);
                if (change is null)
                {
                    continue;
                }

                actions.Add(change);
                if (row.RowKey.StartsWith(EscalationEntity.RowPrefix, StringComparison.Ordinal))
                {
                    counts.Escalations++;
                }
                else if (row.RowKey.StartsWith(OutboxEntity.RowPrefix, StringComparison.Ordinal))
                {
                    counts.Notifications++;
                }
                else
                {
                    counts.Posts++;
                }
            }

            try
            {
                foreach (var batch in actions.Chunk(MaxBatch))
                {
                    await _escalations.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                return counts;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
            {
                // A notification was claimed or the case changed meanwhile: read the rows again (what is done stays done).
            }
        }

        throw new StorageConcurrencyException($"Could not pseudonymise an escalation after {Attempts} attempts.");
    }

    /// <summary>The change one escalation row needs, or null when it holds nothing of the person.</summary>
    private static TableTransactionAction? Pseudonymise(TableEntity row, string personId, string pseudonym)
    {
        var addressedToPerson = row.GetString("Recipient") == personId;
        if (row.RowKey.StartsWith(EscalationEntity.RowPrefix, StringComparison.Ordinal))
        {
            if (row.GetString("ReporterId") != personId)
            {
                return null;
            }

            // The closing note was written to the reporter and may name them; the status and dates stay.
            row["ReporterId"] = pseudonym;
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
            && row.GetString("Kind") == Dialogs.Escalation.NoticeKinds.Information
            && row.GetString("Payload") is { } payload && payload != ErasedPeople.Removed)
        {
            row["Payload"] = ErasedPeople.Removed;
            return new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);
        }

        return null;
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

    /// <summary>Every row of one case in the Escalations partition: case|N, out|N|…, post|N|….</summary>
    internal static async Task<IReadOnlyList<TableEntity>> CaseRowsAsync(TableClient escalations, string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var found = await escalations.GetEntityIfExistsAsync<TableEntity>(organisationKey, EscalationEntity.RowPrefix + caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var prefix in new[] { $"{OutboxEntity.RowPrefix}{caseNumber}|", $"{CardPostEntity.RowPrefix}{caseNumber}|" })
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organisationKey} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
            await foreach (var row in escalations.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
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

    private static async Task<int> DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        foreach (var batch in rows.Chunk(MaxBatch))
        {
            // Deletion is unconditional (ETag *): whatever was written meanwhile belongs to the person too.
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure: {Cases} cases, {Escalations} escalations, {Notifications} notifications and {Posts} posted cards pseudonymised or removed; {ChecklistRows} checklist rows, {ShareTargets} share targets, {References} conversation references deleted.")]
    private static partial void LogErased(ILogger logger, int cases, int escalations, int notifications, int posts, int checklistRows, int shareTargets, int references);
}

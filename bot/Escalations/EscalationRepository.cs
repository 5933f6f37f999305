using Azure;
using Azure.Data.Tables;
using SupportBot.Bot.Storage;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Bot.Escalations;

/// <summary>
/// Escalations and their outbox in the <c>Escalations</c> table. <see cref="SubmitAsync"/> writes the escalation
/// and its notifications as one transaction of the organisation's partition: both are stored, or neither.
/// </summary>
public sealed class EscalationRepository : IEscalationStore
{
    private readonly TableClient _table;
    private readonly AsyncOnce _created;

    public EscalationRepository(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTableClient("Escalations");
        _created = new AsyncOnce(ct => _table.CreateIfNotExistsAsync(ct));
    }

    internal TableClient Table => _table;

    public async Task<bool> SubmitAsync(EscalationRecord escalation, IReadOnlyList<string> notifyAdvisers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        ArgumentNullException.ThrowIfNull(notifyAdvisers);
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(escalation)) };
        actions.AddRange(notifyAdvisers.Distinct(StringComparer.Ordinal).Select(adviser => new TableTransactionAction(
            TableTransactionActionType.Add,
            NewOutbox(escalation.OrganisationKey, escalation.CaseNumber, OutboxRecipients.Adviser, adviser, OutboxKinds.NewCase, escalation.EscalatedAt))));
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Already escalated (a second click, or a retried delivery): nothing new is stored.
            return false;
        }
    }

    public async Task<EscalationRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(caseNumber);
        try
        {
            var found = await _table.GetEntityIfExistsAsync<EscalationEntity>(organisationKey, EscalationEntity.RowPrefix + caseNumber, cancellationToken: cancellationToken).ConfigureAwait(false);
            return found.HasValue ? FromEntity(found.Value!) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Queues one more notification (e.g. to the backup adviser, or "phone now" to the reporter). Idempotent.</summary>
    public async Task QueueAsync(string organisationKey, string caseNumber, string recipientKind, string recipient, string kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.AddEntityAsync(NewOutbox(organisationKey, caseNumber, recipientKind, recipient, kind, now), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Queued before: once is enough.
        }
    }

    /// <summary>Notifications due now: pending ones, and ones claimed so long ago that their sender must have died.</summary>
    public async Task<IReadOnlyList<OutboxEntity>> DueAsync(DateTimeOffset now, TimeSpan claimTimeout, int max, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<OutboxEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {OutboxEntity.RowPrefix} and RowKey lt {"out}"} and (State eq {OutboxStates.Pending} or State eq {OutboxStates.Sending})");
        await foreach (var row in _table.QueryAsync<OutboxEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var ready = row.State == OutboxStates.Pending ? row.NextAttemptAt <= now : row.ClaimedAt <= now - claimTimeout;
            if (ready)
            {
                due.Add(row);
                if (due.Count >= max)
                {
                    break;
                }
            }
        }

        return due;
    }

    /// <summary>Claims a notification for this sender (ETag): false when another sender got it first.</summary>
    public async Task<bool> TryClaimAsync(OutboxEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.State = OutboxStates.Sending;
        row.ClaimedAt = now;
        row.Attempts++;
        try
        {
            var response = await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Records the outcome of a claimed notification (the claim's ETag guards against a late second sender).</summary>
    public async Task CompleteAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw StorageConcurrencyException.From(ex);
        }
    }

    private static OutboxEntity NewOutbox(string organisationKey, string caseNumber, string recipientKind, string recipient, string kind, DateTimeOffset now) => new()
    {
        PartitionKey = organisationKey,
        RowKey = $"{OutboxEntity.RowPrefix}{caseNumber}|{kind}|{recipientKind}|{IncidentsKey(recipient)}",
        CaseNumber = caseNumber,
        RecipientKind = recipientKind,
        Recipient = recipient,
        Kind = kind,
        State = OutboxStates.Pending,
        NextAttemptAt = now,
    };

    /// <summary>Reporter ids go into row keys only as a hash.</summary>
    private static string IncidentsKey(string recipient) => Incidents.IncidentRepository.ReporterPartition(recipient)[..16];

    private static EscalationEntity ToEntity(EscalationRecord record) => new()
    {
        PartitionKey = record.OrganisationKey,
        RowKey = EscalationEntity.RowPrefix + record.CaseNumber,
        CaseNumber = record.CaseNumber,
        PrimaryAdviser = record.PrimaryAdviser,
        BackupAdviser = record.BackupAdviser,
        RoutingRuleId = record.RoutingRuleId,
        ReasonSv = record.ReasonSv,
        ReasonEn = record.ReasonEn,
        ReporterId = record.ReporterId,
        EscalatedAt = record.EscalatedAt,
        Status = record.Status,
    };

    internal static EscalationRecord FromEntity(EscalationEntity entity) => new(
        entity.CaseNumber,
        entity.PartitionKey,
        entity.PrimaryAdviser,
        entity.BackupAdviser,
        entity.RoutingRuleId,
        entity.ReasonSv,
        entity.ReasonEn,
        entity.ReporterId,
        entity.EscalatedAt,
        entity.Status);
}

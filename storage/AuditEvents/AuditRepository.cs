using System.Globalization;
using Azure.Data.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.AuditEvents;

/// <summary>
/// The append-only audit log. The only write is an insert (<c>AddEntity</c>, which fails rather than overwrite), so
/// no code path here can change an event; the only removal is retention's, of events past the audit period. Reading is
/// by organisation. In Azure the table lives in its own storage account where the app's identity holds a custom role
/// that allows inserting, reading and deleting entities, never updating them (infra/main.bicep), so not even a bug
/// elsewhere in the app can rewrite the audit.
/// <para>Personal data: actors are adviser keys, <c>system</c> or keyed pseudonyms (<see cref="Pseudonyms.AuditActor"/>),
/// never ids, names or free text, so erasure changes nothing here (the audit stays whole). Retention deletes events
/// older than the audit period (<c>Support:RetentionDays</c>, docs/privacy.md) by the time at the start of the RowKey.</para>
/// </summary>
/// <param name="tables">Where the audit table is.</param>
/// <param name="createTable">False where the table is provisioned beforehand and the identity may not create tables.</param>
public sealed class AuditRepository(TableServiceClient tables, bool createTable = true) : TableOwner(tables, StoredTables.AuditEvents, createTable), IAuditLog, IPersonalDataTable
{
    /// <summary>The audit on <see cref="StorageOptions.AuditTableServiceUri"/> by managed identity when set, else next to the other tables.</summary>
    public static AuditRepository Create(StorageOptions options, TableServiceClient shared)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AuditTableServiceUri))
        {
            return new AuditRepository(shared);
        }

        var connection = new TableConnection(TableConnectionKind.DefaultAzureCredential)
        {
            ServiceUri = new Uri(options.AuditTableServiceUri.Trim()),
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId.Trim(),
        };
        return new AuditRepository(TableClients.Create(connection), createTable: false);
    }

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Table.AddEntityAsync(
            new AuditEntity
            {
                PartitionKey = auditEvent.OrganisationKey ?? AuditEntity.NoOrganisation,
                RowKey = auditEvent.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12],
                CaseNumber = auditEvent.CaseNumber,
                Action = auditEvent.Action,
                Outcome = auditEvent.Outcome,
                Reason = auditEvent.Reason,
                Actor = auditEvent.Actor,
                At = auditEvent.At,
                FromStatus = auditEvent.FromStatus,
                ToStatus = auditEvent.ToStatus,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing to erase: the audit holds pseudonyms and adviser keys only, and stays whole.</summary>
    public Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken) => Task.FromResult(RowCounts.None);

    /// <summary>Events older than the period go, in every partition; the RowKey starts with the event's UTC ticks.</summary>
    public async Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var before = run.Cutoff.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var deleted = 0;
        await foreach (var page in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey lt {before}"), maxPerPage: TablePartitions.MaxBatch, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var partition in page.Values.GroupBy(r => r.PartitionKey))
            {
                // Unconditional: audit rows are never changed, so there is no newer version to protect.
                await Table.SubmitTransactionAsync(partition.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, Azure.ETag.All)), cancellationToken).ConfigureAwait(false);
                deleted += partition.Count();
            }
        }

        return RowCounts.Of(RowKinds.AuditEvents, deleted);
    }

    /// <summary>An organisation's events, oldest first (<see cref="AuditEntity.NoOrganisation"/> for attempts on no real case).</summary>
    public async Task<IReadOnlyList<AuditEvent>> ListAsync(string organisationKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<AuditEvent>();
        await foreach (var row in Table.QueryAsync<AuditEntity>(e => e.PartitionKey == organisationKey, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(new AuditEvent(
                row.PartitionKey == AuditEntity.NoOrganisation ? null : row.PartitionKey,
                row.CaseNumber, row.Action, row.Outcome, row.Reason, row.Actor, row.At, row.FromStatus, row.ToStatus));
        }

        return events;
    }
}

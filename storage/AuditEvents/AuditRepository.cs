using System.Globalization;
using Azure.Data.Tables;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Storage.AuditEvents;

/// <summary>
/// The append-only audit log. The only write is an insert (<c>AddEntity</c>, which fails rather than overwrite), so
/// no code path here can change or remove an event; reading is by organisation. In Azure the table lives in its own
/// storage account where the app's identity holds a custom role that allows inserting and reading entities only
/// (infra/main.bicep), so not even a bug elsewhere in the app can rewrite the audit.
/// </summary>
public sealed class AuditRepository : IAuditLog
{
    public const string TableName = "AuditEvents";

    private readonly TableClient _table;
    private readonly AsyncOnce _created;

    /// <param name="tables">Where the audit table is.</param>
    /// <param name="createTable">False where the table is provisioned beforehand and the identity may not create tables.</param>
    public AuditRepository(TableServiceClient tables, bool createTable = true)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTableClient(TableName);
        _created = new AsyncOnce(ct => createTable ? _table.CreateIfNotExistsAsync(ct) : Task.CompletedTask);
    }

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
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _table.AddEntityAsync(
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

    /// <summary>An organisation's events, oldest first (<see cref="AuditEntity.NoOrganisation"/> for attempts on no real case).</summary>
    public async Task<IReadOnlyList<AuditEvent>> ListAsync(string organisationKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<AuditEvent>();
        await foreach (var row in _table.QueryAsync<AuditEntity>(e => e.PartitionKey == organisationKey, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(new AuditEvent(
                row.PartitionKey == AuditEntity.NoOrganisation ? null : row.PartitionKey,
                row.CaseNumber, row.Action, row.Outcome, row.Reason, row.Actor, row.At, row.FromStatus, row.ToStatus));
        }

        return events;
    }
}

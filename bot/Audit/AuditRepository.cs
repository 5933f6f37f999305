using System.Globalization;
using Azure.Data.Tables;
using SupportBot.Bot.Storage;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Bot.Audit;

/// <summary>
/// The append-only audit log. The only write is an insert (<c>AddEntity</c>, which fails rather than overwrite), so
/// no code path here can change or remove an event; reading is by organisation.
/// </summary>
public sealed class AuditRepository : IAuditLog
{
    public const string TableName = "AuditEvents";

    private readonly TableClient _table;
    private readonly AsyncOnce _created;

    public AuditRepository(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTableClient(TableName);
        _created = new AsyncOnce(ct => _table.CreateIfNotExistsAsync(ct));
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

using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Checklists;
using SupportBot.Bot.Deduplication;
using SupportBot.Bot.Escalations;
using SupportBot.Bot.Incidents;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Organisations;
using SupportBot.Storage.State;
using SupportBot.Storage.Subscriptions;
using SupportBot.Storage.Tables;

namespace SupportBot.Bot.Privacy;

/// <summary>What one retention run deleted (counts only: they are what the log shows).</summary>
public sealed record RetentionResult(int Cases, int Escalations, int Notifications, int CardPosts, int CaseIndexRows, int ChecklistRows, int ShareTargets, int ProcessedActivities);

/// <summary>One retention run; a seam so the schedule can be tested without storage.</summary>
public interface IRetentionSweep
{
    Task<RetentionResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Deletes what is older than <c>Support:RetentionDays</c>. A case goes when it was created before the cut-off and its
/// escalation (if any) has not changed since: a case still being handled stays, with everything that belongs to it.
/// Per case the order is: its notifications and posted cards, its escalation, its entry in the reporter's index, the case
/// itself; so an interrupted run never leaves notifications without their escalation or an escalation without its case,
/// and the next run (or a repeated one) finishes what is left. Also deleted: checklist progress not changed and share
/// targets not seen for the same period, expired activity claims, subscriptions of tenants no longer onboarded and old digest claims. The audit log is kept: it holds no personal data.
/// </summary>
public sealed class RetentionSweeper : IRetentionSweep
{
    private const int MaxBatch = 100;

    private readonly TableClient _incidents;
    private readonly TableClient _byReporter;
    private readonly TableClient _escalations;
    private readonly TableClient _progress;
    private readonly TableClient _targets;
    private readonly IProcessedActivityStore _claims;
    private readonly IOptions<SupportOptions> _options;
    private readonly AsyncOnce _created;
    private readonly SubscriptionRepository _subscriptions;
    private readonly TenantDirectory? _tenants;

    public RetentionSweeper(TableServiceClient tables, IProcessedActivityStore claims, IOptions<SupportOptions> options, TenantDirectory? tenants = null)
    {
        _subscriptions = new SubscriptionRepository(tables);
        _tenants = tenants;
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(options);
        _incidents = tables.GetTableClient(IncidentRepository.IncidentsTable);
        _byReporter = tables.GetTableClient(IncidentRepository.ReporterCasesTable);
        _escalations = tables.GetTableClient(EscalationRepository.TableName);
        _progress = tables.GetTableClient(ChecklistProgressRepository.TableName);
        _targets = tables.GetTableClient(ShareTargetRepository.TableName);
        _claims = claims;
        _options = options;
        TableClient[] all = [_incidents, _byReporter, _escalations, _progress, _targets];
        _created = new AsyncOnce(async ct =>
        {
            foreach (var table in all)
            {
                await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            }
        });
    }

    public async Task<RetentionResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = now.AddDays(-_options.Value.RetentionDays);

        // Candidates: old cases, and old escalations (whose case a half-done run may already have removed).
        var candidates = new HashSet<(string Organisation, string CaseNumber)>();
        await foreach (var row in _incidents.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            candidates.Add((row.PartitionKey, row.RowKey));
        }

        var oldEscalations = TableClient.CreateQueryFilter($"RowKey ge {EscalationEntity.RowPrefix} and RowKey lt {"case}"} and EscalatedAt lt {cutoff}");
        await foreach (var row in _escalations.QueryAsync<TableEntity>(oldEscalations, select: ["PartitionKey", "CaseNumber"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("CaseNumber") is { Length: > 0 } number)
            {
                candidates.Add((row.PartitionKey, number));
            }
        }

        var (cases, escalations, notifications, posts, index) = (0, 0, 0, 0, 0);
        foreach (var (organisation, number) in candidates)
        {
            var deleted = await DeleteCaseAsync(organisation, number, cutoff, cancellationToken).ConfigureAwait(false);
            cases += deleted.Case;
            escalations += deleted.Escalation;
            notifications += deleted.Notifications;
            posts += deleted.Posts;
            index += deleted.Index;
        }

        index += await DeleteOrphanIndexRowsAsync(cutoff, cancellationToken).ConfigureAwait(false);
        var checklistRows = await DeleteOlderAsync(_progress, "UpdatedAt", cutoff, cancellationToken).ConfigureAwait(false);
        var shareTargets = await DeleteOlderAsync(_targets, "SeenAt", cutoff, cancellationToken).ConfigureAwait(false);
        var claims = await _claims.DeleteExpiredAsync(now, cancellationToken).ConfigureAwait(false);

        // Subscriptions of tenants that left, and digest claims older than the period (the subscription remembers what was seen).
        await _subscriptions.DeleteExpiredAsync(cutoff, tenant => _tenants?.IsOnboarded(tenant) ?? true, cancellationToken).ConfigureAwait(false);
        return new RetentionResult(cases, escalations, notifications, posts, index, checklistRows, shareTargets, claims);
    }

    private async Task<(int Case, int Escalation, int Notifications, int Posts, int Index)> DeleteCaseAsync(string organisation, string number, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var incident = await _incidents.GetEntityIfExistsAsync<IncidentEntity>(organisation, number, cancellationToken: cancellationToken).ConfigureAwait(false);
        var rows = await PersonalDataEraser.CaseRowsAsync(_escalations, organisation, number, cancellationToken).ConfigureAwait(false);
        var escalation = rows.FirstOrDefault(r => r.RowKey.StartsWith(EscalationEntity.RowPrefix, StringComparison.Ordinal));
        var lastChange = new[] { incident.HasValue ? incident.Value!.CreatedAt : (DateTimeOffset?)null, escalation?.GetDateTimeOffset("EscalatedAt"), escalation?.GetDateTimeOffset("ChangedAt") }.Max();
        if (lastChange is null ? rows.Count == 0 : lastChange >= cutoff)
        {
            // Still being handled (or nothing there): kept, escalation and case together.
            return default;
        }

        // Escalation rows first (the escalation itself last of them: CaseRowsAsync puts it there), in transactions of the
        // partition; each row with the ETag it was read with, so a row changed meanwhile stops the run for this case.
        foreach (var batch in rows.Chunk(MaxBatch))
        {
            try
            {
                await _escalations.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
            {
                // Changed or removed by someone else meanwhile: the next run looks again.
                return default;
            }
        }

        var indexDeleted = 0;
        if (incident.HasValue)
        {
            var record = incident.Value!;
            if (!string.IsNullOrEmpty(record.ReporterId) && await DeleteIfExistsAsync(_byReporter, KeyHash.Of(record.ReporterId), number, ETag.All, cancellationToken).ConfigureAwait(false))
            {
                indexDeleted = 1;
            }

            if (!await DeleteIfExistsAsync(_incidents, organisation, number, record.ETag, cancellationToken).ConfigureAwait(false))
            {
                return (0, Count(rows, EscalationEntity.RowPrefix), Count(rows, OutboxEntity.RowPrefix), Count(rows, CardPostEntity.RowPrefix), indexDeleted);
            }
        }

        return (incident.HasValue ? 1 : 0, Count(rows, EscalationEntity.RowPrefix), Count(rows, OutboxEntity.RowPrefix), Count(rows, CardPostEntity.RowPrefix), indexDeleted);
    }

    /// <summary>Index entries older than the cut-off whose case is gone (left by a run stopped between the two deletes).</summary>
    private async Task<int> DeleteOrphanIndexRowsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var old = new List<ReporterCaseEntity>();
        await foreach (var row in _byReporter.QueryAsync<ReporterCaseEntity>(TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            old.Add(row);
        }

        foreach (var row in old)
        {
            var incident = await _incidents.GetEntityIfExistsAsync<TableEntity>(row.OrganisationKey, row.RowKey, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!incident.HasValue && await DeleteIfExistsAsync(_byReporter, row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Rows whose <paramref name="property"/> (a date) is before the cut-off, in transactions per partition.</summary>
    private static async Task<int> DeleteOlderAsync(TableClient table, string property, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        // The property name is ours (a constant); only the value is formatted as a filter literal.
        var filter = property + " lt " + TableClient.CreateQueryFilter($"{cutoff}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: MaxBatch, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var partition in page.Values.GroupBy(r => r.PartitionKey))
            {
                try
                {
                    await table.SubmitTransactionAsync(partition.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken).ConfigureAwait(false);
                    deleted += partition.Count();
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
                {
                    // Used again (or erased) since it was read: kept, or already gone.
                }
            }
        }

        return deleted;
    }

    private static async Task<bool> DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            // The SDK answers a missing entity with 404 rather than an exception.
            var response = await table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    private static int Count(IEnumerable<TableEntity> rows, string prefix) => rows.Count(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal));
}

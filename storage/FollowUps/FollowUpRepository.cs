using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.FollowUps;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.FollowUps;

/// <summary>
/// The only code that reads or writes the <c>FollowUps</c> table (<see cref="FollowUpEntity"/>). Changes are guarded by the
/// row's ETag. Personal data: the reporter id and the answers' free text; <see cref="EraseReporterAsync"/> deletes a
/// person's rows and <see cref="DeleteCreatedBeforeAsync"/> applies the cases' retention.
/// </summary>
public sealed class FollowUpRepository(TableServiceClient tables) : TableOwner(tables, StoredTables.FollowUps), IFollowUpStore, IPersonalDataTable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<bool> ScheduleAsync(FollowUpRecord followUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Table.AddEntityAsync(ToEntity(followUp), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<FollowUpRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(caseNumber);
        return await FindAsync<FollowUpEntity>(organisationKey, caseNumber, cancellationToken).ConfigureAwait(false) is { } row ? FromEntity(row) : null;
    }

    public async Task<FollowUpRecord?> UpdateAsync(FollowUpRecord changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (string.IsNullOrEmpty(changed.ETag))
        {
            throw new ArgumentException("A change needs the ETag of the read it is based on.", nameof(changed));
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(changed), new ETag(changed.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return changed with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<FollowUpRecord>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(TableClient.CreateQueryFilter($"NextDueAt le {now} and Stopped eq {false}"), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FollowUpRecord>> ListAsync(string organisationKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationKey);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {organisationKey}"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Erasure deletes the follow-ups of the person's cases: their answers may hold free text about the exposed person.</summary>
    async Task<RowCounts> IPersonalDataTable.EraseAsync(PersonRef person, CancellationToken cancellationToken) =>
        RowCounts.Of(RowKinds.FollowUps, await EraseReporterAsync(person.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>Follow-ups go with their cases: deleted once the case is older than the retention period.</summary>
    async Task<RowCounts> IPersonalDataTable.SweepAsync(RetentionRun run, CancellationToken cancellationToken) =>
        RowCounts.Of(RowKinds.FollowUps, await DeleteCreatedBeforeAsync(run.Cutoff, cancellationToken).ConfigureAwait(false));

    public async Task<int> EraseReporterAsync(string reporterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reporterId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await DeleteWhereAsync(TableClient.CreateQueryFilter($"ReporterId eq {reporterId}"), cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await DeleteWhereAsync(TableClient.CreateQueryFilter($"CaseCreatedAt lt {cutoff}"), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<FollowUpRecord>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var rows = new List<FollowUpRecord>();
        await foreach (var row in Table.QueryAsync<FollowUpEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(FromEntity(row));
        }

        return rows;
    }

    /// <summary>Deletes the matching rows one by one; a row already gone (another instance, a repeated run) is fine.</summary>
    private async Task<int> DeleteWhereAsync(string filter, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var response = await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            deleted += response.Status == 404 ? 0 : 1;
        }

        return deleted;
    }

    private static FollowUpEntity ToEntity(FollowUpRecord record) => new()
    {
        PartitionKey = record.OrganisationKey,
        RowKey = record.CaseNumber,
        ReporterId = record.ReporterId,
        Language = record.Language,
        Urgency = record.Urgency.Code(),
        CaseCreatedAt = record.CaseCreatedAt,
        Sent = record.Sent,
        NextDueAt = record.NextDueAt,
        Stopped = record.Stopped,
        AnswerCount = record.Answers.Count,
        Answers = JsonSerializer.Serialize(record.Answers, s_json),
    };

    private static FollowUpRecord FromEntity(FollowUpEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.ReporterId,
        entity.Language,
        Urgencies.Parse(entity.Urgency),
        entity.CaseCreatedAt)
    {
        Sent = entity.Sent,
        NextDueAt = entity.NextDueAt,
        Stopped = entity.Stopped,
        Answers = JsonSerializer.Deserialize<List<FollowUpAnswer>>(entity.Answers, s_json) ?? [],
        ETag = entity.ETag.ToString(),
    };
}

using Azure;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.Escalations;

/// <summary>
/// Escalations, their outbox and their posted cards in the <c>Escalations</c> table, partitioned by organisation. Every
/// write that changes an escalation also queues its notifications in the same entity-group transaction: both are
/// stored, or neither. Changes are guarded by the escalation's ETag.
/// </summary>
public sealed partial class EscalationRepository(TableServiceClient tables) : TableOwner(tables, StoredTables.Escalations), IEscalationStore, IEscalationDeadlineStore, IOutboxStore, IOverviewEscalations, IPersonalDataTable
{
    public async Task<bool> SubmitAsync(EscalationRecord escalation, IReadOnlyList<string> notifyAdvisers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        ArgumentNullException.ThrowIfNull(notifyAdvisers);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(escalation)) };
        actions.AddRange(notifyAdvisers.Distinct(StringComparer.Ordinal).Select(adviser => new TableTransactionAction(
            TableTransactionActionType.Add,
            NewOutbox(escalation.OrganisationKey, escalation.CaseNumber, new EscalationNotice(NoticeRecipients.Adviser, adviser, NoticeKinds.NewCase, NoticeKinds.NewCase), escalation.EscalatedAt, escalation.Urgency))));
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
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
        return await FindAsync<EscalationEntity>(organisationKey, EscalationEntity.RowPrefix + caseNumber, cancellationToken).ConfigureAwait(false) is { } row ? FromEntity(row) : null;
    }

    public async Task<bool> UpdateAsync(EscalationRecord changed, IReadOnlyList<EscalationNotice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(notices);
        if (string.IsNullOrEmpty(changed.ETag))
        {
            throw new ArgumentException("A change needs the ETag of the read it is based on.", nameof(changed));
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var now = changed.ChangedAt ?? DateTimeOffset.UtcNow;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(changed), new ETag(changed.ETag)) };
        foreach (var notice in notices)
        {
            actions.Add(notice.Kind == NoticeKinds.Information
                ? await MergeInformationAsync(changed, notice, now, cancellationToken).ConfigureAwait(false)
                : new TableTransactionAction(TableTransactionActionType.Add, NewOutbox(changed.OrganisationKey, changed.CaseNumber, notice, now, changed.Urgency)));
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            // 412: changed by someone else since it was read. 409: this very change was queued before. Nothing stored.
            return false;
        }
    }

    /// <summary>Added information longer than this in one pending message keeps only its newest part (the rate limit makes it rare).</summary>
    public const int MaxMergedInformationLength = 16_000;

    private const string InformationSeparator = "\n\n—\n\n";

    /// <summary>
    /// Added information goes into one message per adviser and case (<c>out|{number}|info|…</c>): added to the pending
    /// one when there is one, else that row starts over with this text. The write carries the row's ETag (or is an
    /// insert), in the same transaction as the case's change, so two additions at once cannot lose each other.
    /// </summary>
    private async Task<TableTransactionAction> MergeInformationAsync(EscalationRecord changed, EscalationNotice notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fresh = NewOutbox(changed.OrganisationKey, changed.CaseNumber, notice with { Tag = NoticeKinds.Information }, now, changed.Urgency);
        var existing = await Table.GetEntityIfExistsAsync<OutboxEntity>(fresh.PartitionKey, fresh.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            return new TableTransactionAction(TableTransactionActionType.Add, fresh);
        }

        var row = existing.Value!;
        if (row.State == OutboxStates.Pending)
        {
            var merged = string.IsNullOrEmpty(row.Payload) ? notice.Payload : row.Payload + InformationSeparator + notice.Payload;
            fresh.Payload = merged is { Length: > MaxMergedInformationLength } ? "…" + merged[^(MaxMergedInformationLength - 1)..] : merged;
            fresh.NextAttemptAt = row.NextAttemptAt;
            fresh.Attempts = row.Attempts;
        }

        // Sent or failed before, or being sent now: the row starts over with only the new text (a sender holding it
        // finds its claim's ETag gone and leaves the row alone).
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, fresh, row.ETag);
    }

    public Task<IReadOnlyList<EscalationRecord>> ListOpenAsync(CancellationToken cancellationToken) =>
        EscalationsWhereAsync(TableClient.CreateQueryFilter($"Status ne {EscalationStatus.Closed}"), cancellationToken);

    /// <summary>New cases whose acknowledgement deadline has passed (for the deadline service).</summary>
    public Task<IReadOnlyList<EscalationRecord>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        EscalationsWhereAsync(TableClient.CreateQueryFilter($"Status eq {EscalationStatus.New} and AcknowledgeBy le {now}"), cancellationToken);

    /// <summary>The escalation rows (not their outbox or posts) of every organisation that match <paramref name="condition"/>.</summary>
    private async Task<IReadOnlyList<EscalationRecord>> EscalationsWhereAsync(string condition, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {EscalationEntity.RowPrefix} and RowKey lt {"case}"}") + " and " + condition;
        var found = new List<EscalationRecord>();
        await foreach (var row in Table.QueryAsync<EscalationEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(FromEntity(row));
        }

        return found;
    }

    public async Task RecordPostAsync(CardPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new CardPostEntity
        {
            PartitionKey = post.OrganisationKey,
            RowKey = $"{CardPostEntity.RowPrefix}{post.CaseNumber}|{Hash(post.Conversation.Conversation?.Id + "|" + post.ActivityId)}",
            CaseNumber = post.CaseNumber,
            Audience = post.Audience,
            Recipient = post.Recipient,
            Conversation = JsonConvert.SerializeObject(post.Conversation),
            ActivityId = post.ActivityId,
            Language = post.Language,
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every card posted about the case, to update in place.</summary>
    public async Task<IReadOnlyList<CardPost>> ListPostsAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var prefix = $"{CardPostEntity.RowPrefix}{caseNumber}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organisationKey} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var posts = new List<CardPost>();
        await foreach (var row in Table.QueryAsync<CardPostEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var reference = JsonConvert.DeserializeObject<ConversationReference>(row.Conversation);
            if (reference is not null)
            {
                posts.Add(new CardPost(row.PartitionKey, row.CaseNumber, row.Audience, row.Recipient, reference, row.ActivityId, row.Language));
            }
        }

        return posts;
    }

    /// <summary>Queues one more notification; idempotent per case, tag, recipient kind and recipient.</summary>
    public async Task QueueAsync(string organisationKey, string caseNumber, EscalationNotice notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Table.AddEntityAsync(NewOutbox(organisationKey, caseNumber, notice, now, Urgency.Hog), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Queued before: once is enough.
        }
    }

    /// <summary>Notifications due now: pending ones, and ones claimed so long ago that their sender must have died.</summary>
    public async Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, TimeSpan claimTimeout, int max, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<OutboxEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {OutboxEntity.RowPrefix} and RowKey lt {"out}"} and (State eq {OutboxStates.Pending} or State eq {OutboxStates.Sending})");

        // Every waiting row is read (not the first few in partition order, which let the organisation whose key sorts
        // first hold back all others): what is waiting is small, since information is merged per adviser and case.
        await foreach (var row in Table.QueryAsync<OutboxEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var ready = row.State == OutboxStates.Pending ? row.NextAttemptAt <= now : row.ClaimedAt <= now - claimTimeout;
            if (ready)
            {
                due.Add(row);
            }
        }

        // Urgent first, across organisations; within a lane oldest first, so that a case's changes reach people in the
        // order they happened.
        return [.. due.OrderBy(r => r.Priority).ThenBy(r => r.NextAttemptAt).Take(max)];
    }

    /// <summary>Claims a notification for this sender (ETag): false when another sender got it first.</summary>
    public async Task<bool> TryClaimAsync(OutboxItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = OwnRow(item);
        row.State = OutboxStates.Sending;
        row.ClaimedAt = now;
        row.Attempts++;
        try
        {
            var response = await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Records the outcome of a claimed notification (the claim's ETag guards against a late second sender).</summary>
    public async Task CompleteAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var row = OwnRow(item);
        try
        {
            await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw StorageConcurrencyException.From(ex);
        }
    }

    /// <summary>The items this store hands out are its rows (<see cref="DueAsync"/>), carrying their keys and ETag.</summary>
    private static OutboxEntity OwnRow(OutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item as OutboxEntity ?? throw new ArgumentException("Only a notification read from this store can be claimed or completed.", nameof(item));
    }

    private static OutboxEntity NewOutbox(string organisationKey, string caseNumber, EscalationNotice notice, DateTimeOffset now, Urgency urgency) => new()
    {
        PartitionKey = organisationKey,
        RowKey = $"{OutboxEntity.RowPrefix}{caseNumber}|{notice.Tag}|{notice.RecipientKind}|{Hash(notice.Recipient)}",
        CaseNumber = caseNumber,
        RecipientKind = notice.RecipientKind,
        Recipient = notice.Recipient,
        Kind = notice.Kind,
        Payload = notice.Payload,
        State = OutboxStates.Pending,
        NextAttemptAt = now,
        Priority = OutboxPriorities.Of(notice.Kind, urgency),
    };

    /// <summary>Ids go into row keys only as a short hash (any id is then a valid key, and none is readable there).</summary>
    private static string Hash(string value) => KeyHash.Of(value)[..16];

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
        OrganisationName = record.OrganisationName,
        TenantId = record.TenantId,
        Urgency = record.Urgency.Code(),
        ReporterLanguage = record.ReporterLanguage,
        AssignedAdviser = record.AssignedAdviser,
        ChangedAt = record.ChangedAt,
        AcknowledgedAt = record.AcknowledgedAt,
        ClosingNote = record.ClosingNote,
        Version = record.Version,
        AcknowledgeBy = record.AcknowledgeBy,
        Reminders = record.Reminders,
        Additions = record.Additions,
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
        entity.Status)
    {
        OrganisationName = entity.OrganisationName,
        TenantId = entity.TenantId ?? string.Empty,
        Urgency = string.IsNullOrEmpty(entity.Urgency) ? Urgency.Normal : Urgencies.Parse(entity.Urgency),
        ReporterLanguage = entity.ReporterLanguage,
        AssignedAdviser = entity.AssignedAdviser,
        ChangedAt = entity.ChangedAt,
        AcknowledgedAt = entity.AcknowledgedAt,
        ClosingNote = entity.ClosingNote,
        Version = entity.Version,
        AcknowledgeBy = entity.AcknowledgeBy,
        Reminders = entity.Reminders,
        Additions = entity.Additions,
        ETag = entity.ETag.ToString(),
    };
}

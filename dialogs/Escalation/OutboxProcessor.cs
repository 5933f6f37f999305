using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

using SupportBot.Dialogs.Privacy;

namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// Delivers queued notifications: claims each with an ETag (so two instances never both send it), sends it,
/// and records the outcome. Transient failures retry with exponential back-off and jitter; an adviser who
/// cannot be reached in Teams, or the last failed attempt, starts the fallback: an e-mail to that adviser (no
/// personal data), the backup adviser in Teams, and the reporter is told exactly what reached whom. Never silent.
/// </summary>
public sealed partial class OutboxProcessor(
    IOutboxStore escalations,
    ICaseStore incidents,
    ITeamsMessenger messenger,
    IAdviserMail mail,
    EscalationCards cards,
    SupportContacts contacts,
    OutboxSettings settings,
    IStorageFailures storageFailures,
    TimeProvider time,
    ILogger<OutboxProcessor> logger,
    SupportBot.Dialogs.FollowUps.IFollowUpStore? followUps = null,
    SupportBot.Dialogs.FollowUps.FollowUpCards? followUpCards = null)
{
    /// <summary>A claim older than this belongs to a sender that died; the notification is tried again.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Teams allows about 7 messages a second per conversation; one at a time with a pause stays well under.</summary>
    private static readonly TimeSpan s_pauseBetweenSends = TimeSpan.FromMilliseconds(200);

    /// <summary>Delivers what is due now; returns how many notifications this call completed (sent or failed).</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var completed = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var budget = TimeSpan.FromSeconds(settings.PollSeconds) / 2;
        var due = await escalations.DueAsync(time.GetUtcNow(), ClaimTimeout, max: 20, cancellationToken).ConfigureAwait(false);
        foreach (var row in due)
        {
            // Urgent rows always go; the rest only within half a polling interval, so that an urgent row queued
            // meanwhile waits for the next pass, not for a flood of information to drain.
            if (row.Priority != OutboxPriorities.Urgent && System.Diagnostics.Stopwatch.GetElapsedTime(started) >= budget)
            {
                break;
            }

            if (!await escalations.TryClaimAsync(row, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (await DeliverAsync(row, cancellationToken).ConfigureAwait(false))
            {
                completed++;
            }

            // Real time on purpose: the rate limit is Teams', whatever clock the deadlines use.
            await Task.Delay(s_pauseBetweenSends, cancellationToken).ConfigureAwait(false);
        }

        return completed;
    }

    private async Task<bool> DeliverAsync(OutboxItem row, CancellationToken cancellationToken)
    {
        DeliveryResult result;
        try
        {
            result = await SendAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            row.LastError = ex.GetType().Name;
            if (row.Attempts < settings.MaxAttempts)
            {
                row.State = OutboxStates.Pending;
                row.NextAttemptAt = time.GetUtcNow() + Backoff(row.Attempts);
                await escalations.CompleteAsync(row, cancellationToken).ConfigureAwait(false);
                LogRetry(logger, row.CaseNumber, row.Attempts, row.LastError);
                return false;
            }

            result = DeliveryResult.Unreachable;
        }

        row.State = result == DeliveryResult.Delivered ? OutboxStates.Sent : OutboxStates.Failed;
        row.SentAt = result == DeliveryResult.Delivered ? time.GetUtcNow() : null;
        await escalations.CompleteAsync(row, cancellationToken).ConfigureAwait(false);
        if (result == DeliveryResult.Unreachable)
        {
            LogUnreachable(logger, row.CaseNumber, row.RecipientKind);
            await FallBackAsync(row, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<DeliveryResult> SendAsync(OutboxItem row, CancellationToken cancellationToken)
    {
        var escalation = await escalations.GetAsync(row.OrganisationKey, row.CaseNumber, cancellationToken).ConfigureAwait(false);
        var record = await incidents.GetAsync(row.OrganisationKey, row.CaseNumber, cancellationToken).ConfigureAwait(false);
        if (record is null || escalation is null)
        {
            // The case is gone (deleted after the retention period): there is nothing left to tell.
            return DeliveryResult.Unreachable;
        }

        switch (row.RecipientKind)
        {
            case NoticeRecipients.Posts:
                await UpdatePostsAsync(record, escalation, cancellationToken).ConfigureAwait(false);
                return DeliveryResult.Delivered;
            case NoticeRecipients.Reporter:
                var language = escalation.ReporterLanguage == "en" ? UserLanguage.English : UserLanguage.Swedish;
                var message = row.Kind == NoticeKinds.PhoneNow
                    ? cards.PhoneNow(row.CaseNumber, DeliveryReport.FromPayload(row.Payload), time.GetUtcNow(), language)
                    : row.Payload is { Length: > 0 } change
                        ? cards.ReporterNotice(escalation, language, change)
                        : cards.ReporterCase(escalation, language);
                // A change is one short text line ("Greta Berg har tagit ditt ärende"); the reporter's case card (posted
                // when they escalated, updated in place through the posts) is the one place for the status and the
                // "add information" box.
                return (await messenger.SendToPersonAsync(row.Recipient, message, cancellationToken).ConfigureAwait(false)).Result;
        }

        var adviser = contacts.Adviser(row.Recipient);
        var personId = adviser?.TeamsId;
        if (adviser is null || personId is null)
        {
            // No Teams identity configured for this adviser: nobody to notify in Teams.
            return DeliveryResult.Unreachable;
        }

        if (row.Kind == NoticeKinds.Information)
        {
            var information = cards.Information(record, row.Payload ?? string.Empty, UserLanguage.Swedish);
            var sent = await messenger.SendToPersonAsync(personId, information, cancellationToken).ConfigureAwait(false);
            await RememberAsync(row, NoticeRecipients.AdviserInformation, sent, UserLanguage.Swedish, cancellationToken).ConfigureAwait(false);
            return sent.Result;
        }

        var followUpLine = await FollowUpLineAsync(record, UserLanguage.Swedish, cancellationToken).ConfigureAwait(false);
        IMessageActivity card = cards.AdviserCase(record, escalation, UserLanguage.Swedish, new CardMention(adviser.Name, personId, row.Kind), viewer: adviser.Key, followUpLine: followUpLine);
        var toAdviser = await messenger.SendToPersonAsync(personId, card, cancellationToken).ConfigureAwait(false);
        await RememberAsync(row, NoticeRecipients.Adviser, toAdviser, UserLanguage.Swedish, cancellationToken).ConfigureAwait(false);
        return toAdviser.Result;
    }

    /// <summary>Every card posted about the case shows it as it is now. A card that is gone is skipped; a transient failure retries them all.</summary>
    private async Task UpdatePostsAsync(CaseRecord record, EscalationRecord escalation, CancellationToken cancellationToken)
    {
        foreach (var post in await escalations.ListPostsAsync(record.OrganisationKey, record.CaseNumber, cancellationToken).ConfigureAwait(false))
        {
            var language = post.Language == "en" ? UserLanguage.English : UserLanguage.Swedish;
            if (post.Audience == NoticeRecipients.AdviserInformation)
            {
                // Information messages keep their text until the reporter is erased; then the pseudonym and no text.
                if (ErasedPeople.IsPseudonym(record.ReporterId))
                {
                    await messenger.UpdateAsync(post.Conversation, post.ActivityId, cards.Information(record, ErasedPeople.Removed, language), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var message = post.Audience == NoticeRecipients.Adviser
                ? cards.AdviserCase(record, escalation, language, viewer: post.Recipient, followUpLine: await FollowUpLineAsync(record, language, cancellationToken).ConfigureAwait(false))
                : cards.ReporterCase(escalation, language);
            await messenger.UpdateAsync(post.Conversation, post.ActivityId, message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The case's latest follow-up answer as one line for the adviser's card; null when there is none (or no follow-ups here).</summary>
    private async Task<string?> FollowUpLineAsync(CaseRecord record, UserLanguage language, CancellationToken cancellationToken)
    {
        if (followUps is null || followUpCards is null)
        {
            return null;
        }

        var followUp = await followUps.GetAsync(record.OrganisationKey, record.CaseNumber, cancellationToken).ConfigureAwait(false);
        return followUpCards.AdviserLine(followUp, language);
    }

    /// <summary>Remembers where a delivered case card is, so that later changes update it in place.</summary>
    private async Task RememberAsync(OutboxItem row, string audience, Delivery delivery, UserLanguage language, CancellationToken cancellationToken)
    {
        if (delivery.Result == DeliveryResult.Delivered && delivery.Conversation is not null && !string.IsNullOrEmpty(delivery.ActivityId))
        {
            await escalations.RecordPostAsync(
                new CardPost(row.OrganisationKey, row.CaseNumber, audience, row.Recipient, delivery.Conversation, delivery.ActivityId, language.Code()),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An adviser could not be reached: queue the backup adviser (if any, and not already tried) and tell the reporter to phone.</summary>
    private async Task FallBackAsync(OutboxItem row, CancellationToken cancellationToken)
    {
        if (row.RecipientKind != NoticeRecipients.Adviser || row.Kind == NoticeKinds.Information)
        {
            return;
        }

        var now = time.GetUtcNow();
        var escalation = await escalations.GetAsync(row.OrganisationKey, row.CaseNumber, cancellationToken).ConfigureAwait(false);
        if (escalation is null)
        {
            return;
        }

        var emailed = await EmailAsync(row, escalation, cancellationToken).ConfigureAwait(false);
        if (row.Kind == NoticeKinds.Information)
        {
            // Added information waits in the case card; the e-mail says there is some.
            return;
        }

        var backup = row.Recipient == escalation.PrimaryAdviser ? escalation.BackupAdviser ?? OtherAdviser(row.Recipient) : null;
        if (backup is not null)
        {
            await escalations.QueueAsync(row.OrganisationKey, row.CaseNumber, new EscalationNotice(NoticeRecipients.Adviser, backup, NoticeKinds.Backup, NoticeKinds.Backup), now, cancellationToken).ConfigureAwait(false);
        }

        // The reporter hears what happened, once per adviser who could not be reached (the backup may fail too).
        var report = new DeliveryReport(row.Recipient, emailed, backup);
        await escalations.QueueAsync(
            row.OrganisationKey,
            row.CaseNumber,
            new EscalationNotice(NoticeRecipients.Reporter, escalation.ReporterId, NoticeKinds.PhoneNow, NoticeKinds.PhoneNow + "-" + row.Recipient, report.ToPayload()),
            now,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>E-mail to the adviser Teams could not reach (case number, urgency, organisation; nothing personal). False when not sent.</summary>
    private async Task<bool> EmailAsync(OutboxItem row, EscalationRecord escalation, CancellationToken cancellationToken)
    {
        var adviser = contacts.Adviser(row.Recipient);
        if (adviser is null || string.IsNullOrWhiteSpace(adviser.Email))
        {
            return false;
        }

        var sent = await mail.SendAsync(adviser.Email, cards.Email(escalation, row.Kind), cancellationToken).ConfigureAwait(false);
        LogEmailed(logger, row.CaseNumber, sent);
        return sent;
    }

    private string? OtherAdviser(string key) => contacts.OtherAdviser(key);

    /// <summary>1 s, 2 s, 4 s … capped at 5 minutes, each with up to 50% random jitter so retries do not align.</summary>
    internal static TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(300, Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromSeconds(seconds * (1 + (Random.Shared.NextDouble() * 0.5)));
    }

    private bool IsTransient(Exception ex) =>
        ex is HttpRequestException or TaskCanceledException or TimeoutException
        || storageFailures.IsTransient(ex)
        || (ex is Microsoft.Bot.Schema.ErrorResponseException error
            && error.Response?.StatusCode is System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.PreconditionFailed
                or >= System.Net.HttpStatusCode.InternalServerError);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Notification for case {CaseNumber} failed (attempt {Attempt}, {ErrorType}); will retry")]
    private static partial void LogRetry(ILogger logger, string caseNumber, int attempt, string? errorType);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Notification for case {CaseNumber} could not reach the {RecipientKind}; falling back")]
    private static partial void LogUnreachable(ILogger logger, string caseNumber, string recipientKind);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Adviser for case {CaseNumber} not reached in Teams; e-mail sent: {Sent}")]
    private static partial void LogEmailed(ILogger logger, string caseNumber, bool sent);
}

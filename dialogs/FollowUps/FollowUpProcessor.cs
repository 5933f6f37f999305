using Microsoft.Extensions.Logging;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.FollowUps;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.FollowUps;

/// <summary>
/// Sends the follow-up cards that are due: claims each follow-up by moving its due time ahead with the row's ETag (so two
/// instances never both send it, and a sender that dies leaves it to be tried again after <see cref="ClaimTimeout"/>),
/// sends the card to the reporter's personal chat through <see cref="ITeamsMessenger"/>, then records the round and
/// when the next card is due. A reporter Teams cannot reach is skipped to the next round, not retried for ever.
/// </summary>
public sealed partial class FollowUpProcessor(
    IFollowUpStore followUps,
    ICaseStore cases,
    ITeamsMessenger messenger,
    FollowUpCards cards,
    FollowUpSchedule schedule,
    TimeProvider time,
    ILogger<FollowUpProcessor> logger)
{
    /// <summary>A claim older than this belongs to a sender that died (or a send that failed for now): tried again.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    private const int MaxAttempts = 3;

    /// <summary>Sends every card due now; returns how many were delivered.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var due in await followUps.DueAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            if (await SendAsync(due, cancellationToken).ConfigureAwait(false))
            {
                delivered++;
            }
        }

        return delivered;
    }

    private async Task<bool> SendAsync(FollowUpRecord due, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await followUps.UpdateAsync(due with { NextDueAt = now + ClaimTimeout }, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            // Another instance claimed it, or the reporter turned follow-ups off a moment ago.
            return false;
        }

        var round = claimed.Sent + 1;
        var record = await cases.GetAsync(claimed.OrganisationKey, claimed.CaseNumber, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            // The case is gone (retention, erasure): nothing left to follow up.
            await CompleteAsync(claimed, claimed.Sent, stop: true, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var language = claimed.Language == "en" ? UserLanguage.English : UserLanguage.Swedish;
        Delivery delivery;
        try
        {
            delivery = await messenger.SendToPersonAsync(claimed.ReporterId, cards.FollowUp(record, round, language), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Microsoft.Bot.Schema.ErrorResponseException)
        {
            // Transient (429, 5xx, network): the claim runs out and the card is tried again on a later pass.
            LogRetry(logger, claimed.CaseNumber, round, ex.GetType().Name);
            return false;
        }

        await CompleteAsync(claimed, round, stop: false, cancellationToken).ConfigureAwait(false);
        LogSent(logger, claimed.CaseNumber, round, delivery.Result == DeliveryResult.Delivered);
        return delivery.Result == DeliveryResult.Delivered;
    }

    /// <summary>Records the round as sent and when the next is due; keeps a "turn off" that arrived meanwhile.</summary>
    private async Task CompleteAsync(FollowUpRecord claimed, int sent, bool stop, CancellationToken cancellationToken)
    {
        var current = claimed;
        for (var attempt = 1; attempt <= MaxAttempts && current is not null; attempt++)
        {
            var stopped = stop || current.Stopped;
            var next = stopped ? null : schedule.DueAt(current.CaseCreatedAt, sent + 1);
            if (await followUps.UpdateAsync(current with { Sent = Math.Max(sent, current.Sent), NextDueAt = next, Stopped = stopped }, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            current = await followUps.GetAsync(claimed.OrganisationKey, claimed.CaseNumber, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Follow-up {Round} of case {CaseNumber} sent; delivered: {Delivered}")]
    private static partial void LogSent(ILogger logger, string caseNumber, int round, bool delivered);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Follow-up {Round} of case {CaseNumber} failed for now ({ErrorType}); will retry")]
    private static partial void LogRetry(ILogger logger, string caseNumber, int round, string errorType);
}

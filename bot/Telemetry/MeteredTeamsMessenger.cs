using System.Diagnostics;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Bot.Telemetry;

/// <summary>
/// Times every proactive send and update and counts the failures by reason. Exceptions pass through unchanged: the
/// outbox decides about retries.
/// </summary>
public sealed class MeteredTeamsMessenger(ITeamsMessenger inner, SupportBotMetrics metrics) : ITeamsMessenger
{
    public async Task<Delivery> SendToPersonAsync(string personId, IMessageActivity message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var delivery = await inner.SendToPersonAsync(personId, message, cancellationToken).ConfigureAwait(false);
            metrics.NotificationAttempted(NotificationOperation.Send, Stopwatch.GetElapsedTime(started), ReasonOf(delivery.Result));
            return delivery;
        }
        catch (Exception ex) when (Record(NotificationOperation.Send, started, ex, cancellationToken))
        {
            throw; // Unreachable: Record returns false, so the filter only observes the exception.
        }
    }

    public async Task<DeliveryResult> UpdateAsync(ConversationReference conversation, string activityId, IMessageActivity message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await inner.UpdateAsync(conversation, activityId, message, cancellationToken).ConfigureAwait(false);
            metrics.NotificationAttempted(NotificationOperation.Update, Stopwatch.GetElapsedTime(started), ReasonOf(result));
            return result;
        }
        catch (Exception ex) when (Record(NotificationOperation.Update, started, ex, cancellationToken))
        {
            throw;
        }
    }

    private static string? ReasonOf(DeliveryResult result) => result == DeliveryResult.Delivered ? null : NotificationFailures.Unreachable;

    /// <summary>Records the failure (not a shutdown) and returns false, so the exception keeps its stack and goes on to the outbox.</summary>
    private bool Record(NotificationOperation operation, long started, Exception exception, CancellationToken cancellationToken)
    {
        if (!cancellationToken.IsCancellationRequested)
        {
            metrics.NotificationAttempted(operation, Stopwatch.GetElapsedTime(started), SupportBotMetrics.FailureReason(exception));
        }

        return false;
    }
}

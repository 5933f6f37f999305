using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Bot.Escalations;

/// <summary>The background loop that keeps the outbox moving; all state is in Table Storage, so a restart resumes it.</summary>
public sealed partial class OutboxSender(OutboxProcessor processor, IOptions<TeamsOptions> options, TimeProvider time, ILogger<OutboxSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.OutboxPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                await processor.ProcessDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage away or a bug in one notification: log and keep the loop alive; the rows stay queued.
                LogLoopFailed(logger, ex.GetType().Name);
            }

            try
            {
                // Passes start one interval apart, however long the last one took (it stops within half an interval),
                // so nothing new waits longer than one interval for its pass.
                var wait = interval - time.GetElapsedTime(started);
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Outbox pass failed ({ErrorType}); retrying on the next pass")]
    private static partial void LogLoopFailed(ILogger logger, string errorType);
}

using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Escalation;

namespace SupportBot.Bot.Escalations;

/// <summary>The background loop that checks deadlines; all state is in Table Storage, so several instances or a restart are harmless (ETags).</summary>
public sealed partial class DeadlineSender(DeadlineProcessor processor, IOptions<SupportOptions> options, ILogger<DeadlineSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.DeadlineCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processor.ProcessDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex.GetType().Name);
            }

            try
            {
                // Real time: the deadlines themselves come from the TimeProvider the processor uses.
                await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Deadline pass failed ({ErrorType}); retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, string errorType);
}

using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.FollowUps;

namespace SupportBot.Bot.FollowUps;

/// <summary>The background loop that sends due follow-up cards; all state is in Table Storage, so several instances or a restart are harmless (ETags).</summary>
public sealed partial class FollowUpSender(FollowUpProcessor processor, IOptions<FollowUpOptions> options, ILogger<FollowUpSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.CheckSeconds);
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
                // Real time: when a card is due comes from the TimeProvider the processor uses.
                await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Follow-up pass failed ({ErrorType}); retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, string errorType);
}

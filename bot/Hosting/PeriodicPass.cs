namespace SupportBot.Bot.Hosting;

/// <summary>
/// A background loop that runs one pass of a processor (deadlines, follow-ups), waits, and runs it again. All state is in
/// Table Storage and every claim uses ETags, so several instances or a restart are harmless; a failed pass is logged
/// by its kind only (no data) and tried again on the next one.
/// </summary>
public sealed partial class PeriodicPass(string name, TimeSpan interval, Func<CancellationToken, Task> pass, ILogger<PeriodicPass> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, name, ex.GetType().Name);
            }

            try
            {
                // Real time: what is due comes from the TimeProvider the processor uses.
                await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "{Pass} pass failed ({ErrorType}); retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, string pass, string errorType);
}

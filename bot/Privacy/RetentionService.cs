using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;

namespace SupportBot.Bot.Privacy;

/// <summary>
/// Runs retention when the bot starts and then every <c>Support:RetentionIntervalMinutes</c> (a day by default). A failed
/// run (storage away) is logged by its error type and tried again at the next interval; every run is safe to repeat, and
/// two instances running at once only find less to delete.
/// </summary>
public sealed partial class RetentionService(IRetentionSweep sweep, IOptions<SupportOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first run's queries.
        await Task.Yield();
        var interval = TimeSpan.FromMinutes(options.Value.RetentionIntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await sweep.RunAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogDeleted(logger, deleted.Cases, deleted.Escalations, deleted.Notifications, deleted.CardPosts, deleted.CaseIndexRows, deleted.ChecklistRows, deleted.ShareTargets, deleted.ProcessedActivities);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a storage error's message can quote keys.
            LogFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Cases} cases, {Escalations} escalations, {Notifications} notifications, {Posts} posted cards, {IndexRows} case index rows, {ChecklistRows} checklist progress rows, {ShareTargets} share targets and {Claims} expired activity claims.")]
    private static partial void LogDeleted(ILogger logger, int cases, int escalations, int notifications, int posts, int indexRows, int checklistRows, int shareTargets, int claims);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention run failed ({Error}); it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string error);
}

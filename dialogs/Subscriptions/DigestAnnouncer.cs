using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;

namespace SupportBot.Dialogs.Subscriptions;

/// <summary>What one announcement run did (counts only: they are what the log shows).</summary>
public sealed record DigestRun(int Sent, int AlreadyClaimed, int NotOnboarded, int Unreachable, int Failed);

/// <summary>
/// At start: every subscriber whose last known content versions differ from the running content gets one digest card
/// naming what changed. A digest row per subscriber and content version hash is claimed (insert-if-absent) before the
/// send, so two instances on the same storage, or a restart, never send it twice; a tenant that is no longer onboarded
/// gets nothing. Sends go through the proactive path (<see cref="ITeamsMessenger"/>), paced, with retry on 429.
/// </summary>
public sealed partial class DigestAnnouncer(
    ISubscriptionStore store,
    IContentVersions content,
    TenantDirectory tenants,
    SubscriptionCards cards,
    ITeamsMessenger messenger,
    IOptions<ContentOptions> options,
    TimeProvider time,
    ILogger<DigestAnnouncer> logger) : BackgroundService
{
    /// <summary>Replaced in tests to record waits instead of waiting.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, ct) => Task.Delay(wait, time, ct);

    public async Task<DigestRun> AnnounceAsync(CancellationToken cancellationToken)
    {
        var policy = new DigestSendPolicy(messenger, options.Value.DigestsPerSecond, Delay, Random.Shared.NextDouble);
        var versions = DigestPlan.VersionsOf(content);
        var (sent, claimed, notOnboarded, unreachable, failed) = (0, 0, 0, 0, 0);
        foreach (var subscription in await store.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!tenants.IsOnboarded(subscription.TenantId))
            {
                notOnboarded++;
                continue;
            }

            var changes = DigestPlan.Changes(subscription, content);
            if (changes.Count == 0)
            {
                if (subscription.SeenHash != content.VersionHash)
                {
                    // Only removals: nothing to tell, but the new version set is known now.
                    await store.MarkSeenAsync(subscription, versions, content.VersionHash, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (!await store.ClaimDigestAsync(subscription.TenantId, subscription.PersonId, content.VersionHash, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                claimed++;
                continue;
            }

            var language = subscription.Language == "en" ? UserLanguage.English : UserLanguage.Swedish;
            try
            {
                var result = await policy.SendAsync(subscription.PersonId, cards.Digest(changes, language), cancellationToken).ConfigureAwait(false);
                if (result == DeliveryResult.Delivered)
                {
                    sent++;
                }
                else
                {
                    unreachable++;
                }
            }
            catch (Exception ex) when (DigestSendPolicy.IsTransient(ex, cancellationToken))
            {
                // Teams kept failing: the claim goes back, so the next start tries this person again.
                failed++;
                await store.ReleaseDigestAsync(subscription.TenantId, subscription.PersonId, content.VersionHash, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await store.MarkSeenAsync(subscription, versions, content.VersionHash, cancellationToken).ConfigureAwait(false);
        }

        var run = new DigestRun(sent, claimed, notOnboarded, unreachable, failed);
        LogRun(logger, run.Sent, run.AlreadyClaimed, run.NotOnboarded, run.Unreachable, run.Failed);
        return run;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await AnnounceAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage or Teams unavailable at start (the storage client's retries end in an AggregateException): the bot runs on, and
            // the next start announces (claims keep it single). An unhandled exception here would stop the host.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Content digests: {Sent} sent, {Claimed} already claimed, {NotOnboarded} in tenants no longer onboarded, {Unreachable} unreachable, {Failed} failed (retried at next start).")]
    private static partial void LogRun(ILogger logger, int sent, int claimed, int notOnboarded, int unreachable, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content digests could not be announced at start.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

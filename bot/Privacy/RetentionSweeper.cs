using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Privacy;

namespace SupportBot.Bot.Privacy;

/// <summary>What one retention run deleted (counts only: they are what the log shows).</summary>
public sealed record RetentionResult(int Cases, int Escalations, int Notifications, int CardPosts, int CaseIndexRows, int ChecklistRows, int ShareTargets, int ProcessedActivities)
{
    public static RetentionResult From(RowCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new(
            counts[RowKinds.Cases],
            counts[RowKinds.Escalations],
            counts[RowKinds.Notifications],
            counts[RowKinds.CardPosts],
            counts[RowKinds.CaseIndexRows],
            counts[RowKinds.ChecklistRows],
            counts[RowKinds.ShareTargets],
            counts[RowKinds.ProcessedActivities]);
    }
}

/// <summary>One retention run; a seam so the schedule can be tested without storage.</summary>
public interface IRetentionSweep
{
    Task<RetentionResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Retention: every table that stores something about a person (each <see cref="IPersonalDataTable"/>) deletes what its
/// own rule says is old, with the period <c>Support:RetentionDays</c>. The tables run in the order they are registered
/// (<c>AddSupportBotStorage</c>): escalations before the cases they hold, so that an old, unchanged escalation and its
/// case go in the same run. Every run is safe to repeat; an interrupted one leaves nothing orphaned that the next run
/// does not finish. The SDK's state goes after <c>Privacy:Retention:DialogStateDays</c> without a turn (30 by default),
/// the audit's own events after <c>Support:RetentionDays</c>. Each run writes one audit event with the counts only
/// (<see cref="PrivacyAuditActions.Retention"/>).
/// </summary>
public sealed class RetentionSweeper(IEnumerable<IPersonalDataTable> tables, IOptions<SupportOptions> options, IOptions<RetentionOptions>? retention = null, IAuditLog? audit = null) : IRetentionSweep
{
    private readonly IReadOnlyList<IPersonalDataTable> _tables = [.. tables];

    public async Task<RetentionResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = new RetentionRun(now, TimeSpan.FromDays(options.Value.RetentionDays), TimeSpan.FromDays(retention?.Value.DialogStateDays ?? RetentionOptions.DefaultDialogStateDays));
        var counts = RowCounts.None;
        foreach (var table in _tables)
        {
            counts = counts.Plus(await table.SweepAsync(run, cancellationToken).ConfigureAwait(false));
        }

        if (audit is not null)
        {
            await audit.AppendAsync(new AuditEvent(null, null, PrivacyAuditActions.Retention, AuditOutcomes.Accepted, counts.Summary(), PrivacyAuditActions.Actor, now, null, null), cancellationToken).ConfigureAwait(false);
        }

        return RetentionResult.From(counts);
    }
}

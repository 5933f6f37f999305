using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;
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
/// does not finish. The audit log is kept: it holds no personal data.
/// </summary>
public sealed class RetentionSweeper(IEnumerable<IPersonalDataTable> tables, IOptions<SupportOptions> options) : IRetentionSweep
{
    private readonly IReadOnlyList<IPersonalDataTable> _tables = [.. tables];

    public async Task<RetentionResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = new RetentionRun(now, TimeSpan.FromDays(options.Value.RetentionDays));
        var counts = RowCounts.None;
        foreach (var table in _tables)
        {
            counts = counts.Plus(await table.SweepAsync(run, cancellationToken).ConfigureAwait(false));
        }

        return RetentionResult.From(counts);
    }
}

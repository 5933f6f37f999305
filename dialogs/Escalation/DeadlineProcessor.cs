using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SupportBot.Dialogs.Escalation;

/// <summary>What the deadline rule needs from where escalations live (the escalations' repository).</summary>
public interface IEscalationDeadlineStore
{
    /// <summary>New cases whose acknowledgement deadline has passed at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<EscalationRecord>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <inheritdoc cref="IEscalationStore.UpdateAsync"/>
    Task<bool> UpdateAsync(EscalationRecord changed, IReadOnlyList<EscalationNotice> notices, CancellationToken cancellationToken);
}

/// <summary>
/// Acknowledgement deadlines: a new case nobody has taken by its deadline is re-notified once (to the adviser it is
/// routed to); if it is still not taken by the next deadline, it is handed to the backup adviser and the reporter is
/// told. Only while the office is open: deadlines are counted in office time, and nobody is chased at night.
/// </summary>
public sealed partial class DeadlineProcessor(
    IEscalationDeadlineStore escalations,
    IAuditLog audit,
    AcknowledgementDeadlines deadlines,
    SupportContacts contacts,
    TimeProvider time,
    ILogger<DeadlineProcessor> logger)
{
    public const string SystemActor = "system";

    /// <summary>Acts on every overdue case; returns how many changed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!deadlines.Calendar.IsOpen(now))
        {
            return 0;
        }

        var changed = 0;
        foreach (var overdue in await escalations.OverdueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            if (await ActAsync(overdue, now, cancellationToken).ConfigureAwait(false))
            {
                changed++;
            }
        }

        return changed;
    }

    private async Task<bool> ActAsync(EscalationRecord overdue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        EscalationRecord changed;
        List<EscalationNotice> notices;
        string action;
        if (overdue.Reminders == 0)
        {
            action = "deadline.reminder";
            changed = overdue with { Reminders = 1, AcknowledgeBy = deadlines.DueAt(overdue.Urgency, now) };
            notices = [new(NoticeRecipients.Adviser, overdue.PrimaryAdviser, NoticeKinds.Reminder, NoticeKinds.Reminder + ".1")];
        }
        else
        {
            action = "deadline.backup";
            var backup = overdue.BackupAdviser is { } b && b != overdue.PrimaryAdviser ? b : contacts.OtherAdviser(overdue.PrimaryAdviser);
            var version = (overdue.Version + 1).ToString(CultureInfo.InvariantCulture);
            changed = overdue with
            {
                Reminders = 2,
                AcknowledgeBy = null,
                PrimaryAdviser = backup ?? overdue.PrimaryAdviser,
                BackupAdviser = backup is null ? overdue.BackupAdviser : overdue.PrimaryAdviser,
                Version = overdue.Version + 1,
                ChangedAt = now,
            };
            notices =
            [
                new(NoticeRecipients.Reporter, overdue.ReporterId, NoticeKinds.Status, NoticeKinds.Status + "." + version, "backup"),
                new(NoticeRecipients.Posts, NoticeRecipients.Posts, NoticeKinds.Update, NoticeKinds.Update + "." + version),
            ];
            if (backup is not null)
            {
                notices.Add(new(NoticeRecipients.Adviser, backup, NoticeKinds.Handover, NoticeKinds.Handover + "." + version));
            }
        }

        if (!await escalations.UpdateAsync(changed, notices, cancellationToken).ConfigureAwait(false))
        {
            // Taken (or changed) a moment ago by an adviser: that was the point of the deadline.
            return false;
        }

        await audit.AppendAsync(new AuditEvent(overdue.OrganisationKey, overdue.CaseNumber, action, AuditOutcomes.Accepted, null, SystemActor, now, overdue.Status, changed.Status), cancellationToken).ConfigureAwait(false);
        LogDeadline(logger, overdue.CaseNumber, action);
        return true;
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Case {CaseNumber} passed its acknowledgement deadline: {Action}")]
    private static partial void LogDeadline(ILogger logger, string caseNumber, string action);
}

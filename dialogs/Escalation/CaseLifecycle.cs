using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Escalation;

/// <summary>What came of an action on a case: the case as it now is (null when the actor may not see it) and why it was refused.</summary>
public sealed record CaseActionResult(EscalationRecord? Case, string? Refusal)
{
    public bool Changed => Refusal is null && Case is not null;

    public static CaseActionResult Refused(string reason, EscalationRecord? current = null) => new(current, reason);
}

/// <summary>What a follow-up's "something new has happened" did to the case.</summary>
public enum FollowUpRaise
{
    /// <summary>Never escalated: the case stays the reporter's, who is shown how to ask the advisers.</summary>
    NotEscalated,

    /// <summary>Open: the adviser was told, as with added information.</summary>
    AdviserTold,

    /// <summary>Closed: opened again as new and sent to the adviser it had.</summary>
    Reopened,
}

/// <summary>Why an action was refused; each has a message in strings.{sv,en}.json under "caseActions.refused".</summary>
public static class CaseRefusals
{
    public const string NotAdviser = "notAdviser";
    public const string UnknownCase = "unknownCase";
    public const string Stale = "stale";
    public const string NoteRequired = "noteRequired";
    public const string NoteTooLong = "noteTooLong";
    public const string NotAllowed = "notAllowed";
    public const string NoOtherAdviser = "noOtherAdviser";
    public const string UnknownAction = "unknownAction";
    public const string Closed = "closed";
    public const string InformationRequired = "informationRequired";
    public const string NotEscalated = "notEscalated";
}

/// <summary>
/// The case's life after escalation: Ny → Tagen ("Jag tar detta") → Avslutad (with a closing note), "Lämna över" to the
/// other adviser, "Återöppna". Only configured advisers may act; an action from anyone else, on a case that does not exist
/// in the organisation named, or from an out-of-date card is refused and nothing changes. Every change and every refusal
/// is audited. A change, its notice to the reporter and the update of every posted card are one write (the outbox).
/// </summary>
public sealed class CaseLifecycle(IEscalationStore escalations, ICaseStore cases, IAuditLog audit, SupportContacts contacts, AcknowledgementDeadlines deadlines, TimeProvider time, Pseudonyms pseudonyms)
{
    /// <summary>Reporter changes (adding information) retry this often when an adviser changed the case at the same moment.</summary>
    private const int MaxAttempts = 3;

    /// <summary>An adviser's action from a card: take, close, hand over, reopen, or open (read the current card).</summary>
    public async Task<CaseActionResult> ActAsync(CaseCommand command, ChannelAccount? actor, string? actorTenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var adviser = contacts.AdviserFor(actor, actorTenantId);
        if (adviser is null)
        {
            return await RefuseAsync(command, null, pseudonyms.AuditActor(actor?.AadObjectId ?? actor?.Id), CaseRefusals.NotAdviser, null, now, cancellationToken).ConfigureAwait(false);
        }

        if (!command.IsChange && command.Verb != CaseCommand.Open)
        {
            return await RefuseAsync(command, null, adviser.Key, CaseRefusals.UnknownAction, null, now, cancellationToken).ConfigureAwait(false);
        }

        var current = OrganisationKeys.IsValidKey(command.OrganisationKey) && CaseCommand.IsCaseNumber(command.CaseNumber)
            ? await escalations.GetAsync(command.OrganisationKey!, command.CaseNumber!, cancellationToken).ConfigureAwait(false)
            : null;
        if (current is null)
        {
            return await RefuseAsync(command, null, adviser.Key, CaseRefusals.UnknownCase, null, now, cancellationToken).ConfigureAwait(false);
        }

        if (command.Verb == CaseCommand.Open)
        {
            return new CaseActionResult(current, null);
        }

        if (command.Version != current.Version)
        {
            // A replayed or out-of-date card: show the case as it is now instead of acting on what it was.
            return await RefuseAsync(command, current, adviser.Key, CaseRefusals.Stale, current, now, cancellationToken).ConfigureAwait(false);
        }

        var (changed, refusal) = Transition(command, current, adviser, now);
        if (changed is null)
        {
            return await RefuseAsync(command, current, adviser.Key, refusal!, current, now, cancellationToken).ConfigureAwait(false);
        }

        if (!await escalations.UpdateAsync(changed, NoticesFor(command.Verb, changed), cancellationToken).ConfigureAwait(false))
        {
            // Someone else changed it between our read and write (the other adviser clicked at the same moment).
            var latest = await escalations.GetAsync(current.OrganisationKey, current.CaseNumber, cancellationToken).ConfigureAwait(false);
            return await RefuseAsync(command, latest, adviser.Key, CaseRefusals.Stale, latest, now, cancellationToken).ConfigureAwait(false);
        }

        await audit.AppendAsync(new AuditEvent(current.OrganisationKey, current.CaseNumber, command.Verb, AuditOutcomes.Accepted, null, adviser.Key, now, current.Status, changed.Status), cancellationToken).ConfigureAwait(false);
        return new CaseActionResult(changed with { ETag = null }, null);
    }

    /// <summary>The reporter adds information to their open case; it reaches the adviser who holds it (or both, before anyone took it).</summary>
    public async Task<CaseActionResult> AddInformationAsync(ChannelAccount? reporter, string? caseNumber, string? information, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reporterId = ReporterIds.Of(reporter);
        var command = new CaseCommand(CaseCommand.AddInformation, null, caseNumber, null, null, information);
        var record = !CaseCommand.IsCaseNumber(caseNumber) || reporterId.Length == 0 ? null : await cases.GetForReporterAsync(reporterId, caseNumber!, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return await RefuseAsync(command, null, pseudonyms.AuditActor(reporterId), CaseRefusals.UnknownCase, null, now, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(information))
        {
            return CaseActionResult.Refused(CaseRefusals.InformationRequired);
        }

        if (information.Length > CaseCommand.MaxNoteLength)
        {
            return CaseActionResult.Refused(CaseRefusals.NoteTooLong);
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return CaseActionResult.Refused(CaseRefusals.NotEscalated);
            }

            if (!current.IsOpen)
            {
                return CaseActionResult.Refused(CaseRefusals.Closed, current);
            }

            var changed = current with { Additions = current.Additions + 1 };
            var recipients = current.AssignedAdviser is { } holder && current.Status == EscalationStatus.Taken
                ? [holder]
                : new[] { current.PrimaryAdviser, current.BackupAdviser }.OfType<string>().Distinct().ToArray();
            var notices = recipients
                .Select(r => new EscalationNotice(NoticeRecipients.Adviser, r, NoticeKinds.Information, $"{NoticeKinds.Information}.{changed.Additions}", information.Trim()))
                .ToList();
            if (await escalations.UpdateAsync(changed, notices, cancellationToken).ConfigureAwait(false))
            {
                await audit.AppendAsync(new AuditEvent(current.OrganisationKey, current.CaseNumber, CaseCommand.AddInformation, AuditOutcomes.Accepted, null, pseudonyms.AuditActor(reporterId), now, current.Status, current.Status), cancellationToken).ConfigureAwait(false);
                return new CaseActionResult(changed with { ETag = null }, null);
            }
        }

        throw new InvalidOperationException($"Case {record.CaseNumber} kept changing while information was added.");
    }

    /// <summary>
    /// "Något nytt har hänt" in a follow-up of an escalated case. An open case: the adviser who holds it (or both, before
    /// anyone took it) gets <paramref name="information"/> the way added information reaches them. A closed case opens
    /// again as new: routed to the adviser it had, with a fresh acknowledgement deadline, and every posted card updated.
    /// A case that was never escalated is left to the reporter (it is theirs to send). One ETag-guarded write each.
    /// </summary>
    public async Task<FollowUpRaise> RaiseFromFollowUpAsync(CaseRecord record, string information, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(information);
        var now = time.GetUtcNow();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await escalations.GetAsync(record.OrganisationKey, record.CaseNumber, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return FollowUpRaise.NotEscalated;
            }

            EscalationRecord changed;
            List<EscalationNotice> notices;
            FollowUpRaise outcome;
            if (current.IsOpen)
            {
                changed = current with { Additions = current.Additions + 1 };
                var recipients = current.AssignedAdviser is { } holder && current.Status == EscalationStatus.Taken
                    ? [holder]
                    : new[] { current.PrimaryAdviser, current.BackupAdviser }.OfType<string>().Distinct().ToArray();
                notices = [.. recipients.Select(r => new EscalationNotice(NoticeRecipients.Adviser, r, NoticeKinds.Information, $"{NoticeKinds.Information}.{changed.Additions}", information.Trim()))];
                outcome = FollowUpRaise.AdviserTold;
            }
            else
            {
                var adviser = current.AssignedAdviser ?? current.PrimaryAdviser;
                changed = current with
                {
                    Status = EscalationStatus.New,
                    PrimaryAdviser = adviser,
                    AssignedAdviser = null,
                    ClosingNote = null,
                    Version = current.Version + 1,
                    ChangedAt = now,
                    AcknowledgeBy = deadlines.DueAt(current.Urgency, now),
                    Reminders = 0,
                };
                var tag = "." + changed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
                notices =
                [
                    new(NoticeRecipients.Posts, NoticeRecipients.Posts, NoticeKinds.Update, NoticeKinds.Update + tag),
                    new(NoticeRecipients.Adviser, adviser, NoticeKinds.NewCase, NoticeKinds.NewCase + tag),
                    new(NoticeRecipients.Adviser, adviser, NoticeKinds.Information, NoticeKinds.Information, information.Trim()),
                ];
                outcome = FollowUpRaise.Reopened;
            }

            if (await escalations.UpdateAsync(changed, notices, cancellationToken).ConfigureAwait(false))
            {
                await audit.AppendAsync(new AuditEvent(current.OrganisationKey, current.CaseNumber, FollowUpRaiseVerb, AuditOutcomes.Accepted, null, pseudonyms.AuditActor(record.ReporterId), now, current.Status, changed.Status), cancellationToken).ConfigureAwait(false);
                return outcome;
            }
        }

        throw new InvalidOperationException($"Case {record.CaseNumber} kept changing while a follow-up raised it.");
    }

    /// <summary>The audit verb of a follow-up's "something new has happened".</summary>
    public const string FollowUpRaiseVerb = "followup.newevent";

    /// <summary>The new state for an allowed action, or why it is not allowed in the case's current state.</summary>
    private (EscalationRecord? Changed, string? Refusal) Transition(CaseCommand command, EscalationRecord current, AdviserContact adviser, DateTimeOffset now)
    {
        var next = current with { Version = current.Version + 1, ChangedAt = now, AcknowledgedAt = current.AcknowledgedAt ?? now };
        switch (command.Verb)
        {
            case CaseCommand.Take when current.Status == EscalationStatus.New:
                return (next with { Status = EscalationStatus.Taken, AssignedAdviser = adviser.Key, AcknowledgeBy = null }, null);
            case CaseCommand.Close when current.IsOpen:
                if (string.IsNullOrWhiteSpace(command.Note))
                {
                    return (null, CaseRefusals.NoteRequired);
                }

                return command.Note.Length > CaseCommand.MaxNoteLength
                    ? (null, CaseRefusals.NoteTooLong)
                    : (next with { Status = EscalationStatus.Closed, AssignedAdviser = current.AssignedAdviser ?? adviser.Key, ClosingNote = command.Note, AcknowledgeBy = null }, null);
            case CaseCommand.Handover when current.IsOpen:
                var target = HandoverTarget(current);
                return target is null
                    ? (null, CaseRefusals.NoOtherAdviser)
                    : (next with { Status = EscalationStatus.Taken, AssignedAdviser = target, AcknowledgeBy = null }, null);
            case CaseCommand.Reopen when !current.IsOpen:
                return (next with { Status = EscalationStatus.Taken, AssignedAdviser = adviser.Key, ClosingNote = null, AcknowledgeBy = null }, null);
            default:
                return (null, CaseRefusals.NotAllowed);
        }
    }

    /// <summary>The adviser a case is handed over to: the other one than who holds it now (or than whom it was routed to).</summary>
    public string? HandoverTarget(EscalationRecord current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var holder = current.Status == EscalationStatus.Taken ? current.AssignedAdviser : current.PrimaryAdviser;
        return contacts.OtherAdviser(holder);
    }

    /// <summary>A change tells the reporter, updates every posted card, and (for a handover) brings the case to the new holder.</summary>
    private static List<EscalationNotice> NoticesFor(string verb, EscalationRecord changed)
    {
        var tag = "." + changed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var notices = new List<EscalationNotice>
        {
            new(NoticeRecipients.Posts, NoticeRecipients.Posts, NoticeKinds.Update, NoticeKinds.Update + tag),
            new(NoticeRecipients.Reporter, changed.ReporterId, NoticeKinds.Status, NoticeKinds.Status + tag, verb),
        };
        if (verb == CaseCommand.Handover && changed.AssignedAdviser is { } target)
        {
            notices.Add(new(NoticeRecipients.Adviser, target, NoticeKinds.Handover, NoticeKinds.Handover + tag));
        }

        return notices;
    }

    private async Task<CaseActionResult> RefuseAsync(CaseCommand command, EscalationRecord? found, string actor, string reason, EscalationRecord? show, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Junk from someone who is no adviser (anyone with the app can post a card action) is counted by the caller's
        // metric and rate limit, not written: one row each would let a colleague fill the audit. An adviser's refused
        // action (stale card, unknown case) is kept.
        if (reason == CaseRefusals.NotAdviser)
        {
            return CaseActionResult.Refused(reason, show);
        }

        // The organisation and case are recorded only when they exist: a forged key is not worth keeping, nor safe to.
        await audit.AppendAsync(
            new AuditEvent(found?.OrganisationKey, found?.CaseNumber, CaseCommand.IsCaseVerb(command.Verb) ? command.Verb : "(unknown)", AuditOutcomes.Refused, reason, actor, now, found?.Status, null),
            cancellationToken).ConfigureAwait(false);
        return CaseActionResult.Refused(reason, show);
    }

    /// <summary>When a new escalation must have been taken (for <see cref="EscalationRecord.From"/>).</summary>
    public DateTimeOffset AcknowledgeBy(Urgency urgency, DateTimeOffset from) => deadlines.DueAt(urgency, from);
}

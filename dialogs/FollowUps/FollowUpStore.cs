using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.FollowUps;

/// <summary>
/// Where follow-ups live (Table Storage in the bot: a table of its own, partitioned by the case's organisation). One row
/// per HÖG or AKUT case: when the next card is due, how many were sent, whether the reporter turned them off, and the
/// answers. Every change is guarded by the row's ETag.
/// </summary>
public interface IFollowUpStore
{
    /// <summary>Starts the follow-ups of a case; false when the case already has them (a repeated call changes nothing).</summary>
    Task<bool> ScheduleAsync(FollowUpRecord followUp, CancellationToken cancellationToken);

    Task<FollowUpRecord?> GetAsync(string organisationKey, string caseNumber, CancellationToken cancellationToken);

    /// <summary>Replaces the row if nobody changed it since it was read (its ETag): the row as stored (with its new ETag), or null when someone else changed it first.</summary>
    Task<FollowUpRecord?> UpdateAsync(FollowUpRecord changed, CancellationToken cancellationToken);

    /// <summary>Follow-ups whose next card is due at <paramref name="now"/>, across organisations, not turned off.</summary>
    Task<IReadOnlyList<FollowUpRecord>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>One organisation's follow-ups (for the managers' overview; one partition query).</summary>
    Task<IReadOnlyList<FollowUpRecord>> ListAsync(string organisationKey, CancellationToken cancellationToken);

    /// <summary>Deletes every follow-up of the person's cases (they hold free text about the exposed person); returns how many.</summary>
    Task<int> EraseReporterAsync(string reporterId, CancellationToken cancellationToken);

    /// <summary>Deletes follow-ups of cases created before <paramref name="cutoff"/> (retention like the cases'); returns how many.</summary>
    Task<int> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>
/// The follow-ups of one case. <see cref="Sent"/> counts the cards sent; <see cref="NextDueAt"/> is when the next one goes
/// (null when all went or they were turned off). A sender claims a due row by moving <see cref="NextDueAt"/> ahead with the
/// row's ETag, so two instances never both send the same card.
/// </summary>
public sealed record FollowUpRecord(
    string OrganisationKey,
    string CaseNumber,
    string ReporterId,
    string Language,
    Urgency Urgency,
    DateTimeOffset CaseCreatedAt)
{
    public int Sent { get; init; }

    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>The reporter pressed "Stäng av uppföljning": no more cards for this case.</summary>
    public bool Stopped { get; init; }

    public IReadOnlyList<FollowUpAnswer> Answers { get; init; } = [];

    public string? ETag { get; init; }

    public bool IsAnswered => Answers.Count > 0;

    public FollowUpAnswer? Latest => Answers.Count == 0 ? null : Answers[^1];
}

/// <summary>
/// One answer to a follow-up card (<paramref name="Round"/> 1 is the first card). Choices are ids from
/// <see cref="FollowUpChoices"/>; <paramref name="Text"/> is the reporter's short note about what happened, if any.
/// </summary>
public sealed record FollowUpAnswer(int Round, DateTimeOffset AnsweredAt, string? Wellbeing, string? Police, bool NewEvent, string? Text);

/// <summary>The choice ids a follow-up card offers; their labels are in strings.{sv,en}.json under "followUp".</summary>
public static class FollowUpChoices
{
    public static readonly IReadOnlyList<string> Wellbeing = ["better", "same", "worse", "unknown"];

    public static readonly IReadOnlyList<string> Police = ["contacted", "not-contacted", "not-reported", "unknown"];
}

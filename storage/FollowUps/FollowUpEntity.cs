using SupportBot.Storage.Tables;

namespace SupportBot.Storage.FollowUps;

/// <summary>
/// The follow-ups of one case in the <c>FollowUps</c> table: PartitionKey = the case's organisation (as the case's own
/// partition), RowKey = the case number. The reporter id is kept to send the cards and to find the rows on erasure; the
/// answers (JSON) may hold a short free text about the exposed person, so the rows are erased with the person's cases
/// and deleted with the cases after the retention period.
/// </summary>
public sealed class FollowUpEntity : TableRow
{
    public string ReporterId { get; set; } = string.Empty;

    public string Language { get; set; } = "sv";

    public string Urgency { get; set; } = string.Empty;

    public DateTimeOffset CaseCreatedAt { get; set; }

    public int Sent { get; set; }

    public DateTimeOffset? NextDueAt { get; set; }

    public bool Stopped { get; set; }

    /// <summary>How many answers <see cref="Answers"/> holds (a filterable count for the overview).</summary>
    public int AnswerCount { get; set; }

    public string Answers { get; set; } = "[]";
}

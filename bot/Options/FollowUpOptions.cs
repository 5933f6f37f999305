namespace SupportBot.Bot.Options;

/// <summary>
/// <c>Support:FollowUps</c>: after how many office days a HÖG or AKUT case's reporter gets a follow-up card (default 2
/// and 14; empty means the default), and how often the bot looks for due follow-ups.
/// </summary>
public sealed class FollowUpOptions
{
    public const string SectionName = "Support:FollowUps";

    /// <summary>Office days after the report, increasing. Empty: <see cref="SupportBot.Dialogs.FollowUps.FollowUpSchedule.DefaultOfficeDays"/>.</summary>
    public List<int> OfficeDays { get; set; } = [];

    public int CheckSeconds { get; set; } = 60;
}

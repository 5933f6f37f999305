namespace SupportBot.Dialogs.Privacy;

/// <summary>
/// Removes what the bot stores about one person outside the conversation's own state (Table Storage in the bot):
/// their conversation reference, checklist progress and share targets are deleted; in the cases they reported and
/// those cases' escalations they are pseudonymised (<see cref="ErasedPeople"/>). Safe to run again: a repeated or
/// half-done erasure finds only what is still left.
/// </summary>
public interface IPersonalDataEraser
{
    /// <param name="personIds">Every id the person is stored under (the Entra object id and the channel's user id).</param>
    Task<ErasureResult> EraseAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken);
}

/// <summary>How many rows an erasure changed or removed, for the confirmation and the log (counts only).</summary>
public sealed record ErasureResult(int Cases, int Escalations, int Notifications, int CardPosts, int ChecklistRows, int ShareTargets, int References)
{
    public static readonly ErasureResult None = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The result from the counts every table's erasure returned.</summary>
    public static ErasureResult From(RowCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new(
            counts[RowKinds.Cases],
            counts[RowKinds.Escalations],
            counts[RowKinds.Notifications],
            counts[RowKinds.CardPosts],
            counts[RowKinds.ChecklistRows],
            counts[RowKinds.ShareTargets],
            counts[RowKinds.References]);
    }
}

/// <summary>What an erased person becomes in the records that stay (the organisation's cases).</summary>
public static class ErasedPeople
{
    /// <summary>Stands in for the reporter's name and for any free text they wrote.</summary>
    public const string Removed = "(raderad)";

    /// <summary>The pseudonym itself is keyed: <see cref="Pseudonyms.Erased"/>.</summary>
    public const string PseudonymPrefix = Pseudonyms.ErasedPrefix;

    public static bool IsPseudonym(string? id) => id?.StartsWith(PseudonymPrefix, StringComparison.Ordinal) == true;
}

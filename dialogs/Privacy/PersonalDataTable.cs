namespace SupportBot.Dialogs.Privacy;

/// <summary>
/// A table that stores something about a person, declared by the one repository that owns it: how to erase (or
/// pseudonymise) a person's rows, and what retention removes. Erasure ("radera mina uppgifter") and retention are loops
/// over every registered implementation, so a table with personal data cannot be forgotten by one of them.
/// </summary>
public interface IPersonalDataTable
{
    /// <summary>The stored table's name (for counts and for the check that every table has a policy).</summary>
    string TableName { get; }

    /// <summary>Removes or pseudonymises what this table holds about <paramref name="person"/>; safe to repeat.</summary>
    Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken);

    /// <summary>Deletes what this table's retention rule says is old at <see cref="RetentionRun.Now"/>; safe to repeat.</summary>
    Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken);
}

/// <summary>
/// One id a person is stored under (the Entra object id or the channel's user id), and what stands in for it in the
/// records that stay (<see cref="Pseudonyms.Erased"/>: a keyed HMAC, so it cannot be recomputed from the id).
/// </summary>
public sealed record PersonRef(string Id, string Pseudonym);

/// <summary>
/// One retention run: its time and the retention period (<c>Support:RetentionDays</c>). Rows last changed before
/// <see cref="Cutoff"/> are old.
/// </summary>
public sealed record RetentionRun(DateTimeOffset Now, TimeSpan Period)
{
    public DateTimeOffset Cutoff => Now - Period;
}

/// <summary>The kinds of row the counts of erasure and retention name (several can live in one table).</summary>
public static class RowKinds
{
    public const string Cases = "cases";
    public const string CaseIndexRows = "case-index";
    public const string Escalations = "escalations";
    public const string Notifications = "notifications";
    public const string CardPosts = "card-posts";
    public const string ChecklistRows = "checklist-progress";
    public const string ShareTargets = "share-targets";
    public const string References = "conversation-references";
    public const string ProcessedActivities = "processed-activities";
    public const string FollowUps = "follow-ups";
    public const string Subscriptions = "subscriptions";
}

/// <summary>How many rows of each kind an erasure or a retention run changed or removed (counts only, never keys).</summary>
public sealed class RowCounts
{
    public static readonly RowCounts None = new(new Dictionary<string, int>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, int> _byKind;

    private RowCounts(IReadOnlyDictionary<string, int> byKind) => _byKind = byKind;

    /// <summary>The count of one kind; 0 for a kind nothing was counted for.</summary>
    public int this[string kind] => _byKind.TryGetValue(kind, out var count) ? count : 0;

    public IEnumerable<string> Kinds => _byKind.Keys;

    public static RowCounts Of(string kind, int count) => new(new Dictionary<string, int>(StringComparer.Ordinal) { [kind] = count });

    public static RowCounts Of(params (string Kind, int Count)[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Aggregate(None, (sum, c) => sum.Plus(Of(c.Kind, c.Count)));
    }

    public RowCounts Plus(RowCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sum = new Dictionary<string, int>(_byKind, StringComparer.Ordinal);
        foreach (var kind in other.Kinds)
        {
            sum[kind] = this[kind] + other[kind];
        }

        return new RowCounts(sum);
    }
}

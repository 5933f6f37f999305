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
/// One retention run: its time, the retention period (<c>Support:RetentionDays</c>) and the shorter period of the SDK's
/// conversation and user state (<c>Privacy:Retention:DialogStateDays</c>). Rows last changed before <see cref="Cutoff"/>
/// are old; state rows not written since <see cref="StateCutoff"/> are abandoned.
/// </summary>
public sealed record RetentionRun(DateTimeOffset Now, TimeSpan Period, TimeSpan? StatePeriod = null)
{
    public DateTimeOffset Cutoff => Now - Period;

    /// <summary>Before this, a conversation's or a person's state is abandoned (30 days by default).</summary>
    public DateTimeOffset StateCutoff => Now - (StatePeriod ?? TimeSpan.FromDays(RetentionOptions.DefaultDialogStateDays));
}

/// <summary>"Privacy:Retention": how long the SDK's state of a conversation or a person lives without a turn.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Privacy:Retention";

    public const int DefaultDialogStateDays = 30;

    /// <summary>
    /// Days a conversation's state (a half-finished triage, a group's checklist) and a person's user state are kept
    /// after their last write; a returning person starts afresh.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3650, ErrorMessage = "Privacy:Retention:DialogStateDays must be between 1 and 3650.")]
    public int DialogStateDays { get; set; } = DefaultDialogStateDays;
}

/// <summary>The audit actions of erasure and retention: one event each, with counts only (no person, no keys).</summary>
public static class PrivacyAuditActions
{
    public const string Erasure = "privacy.erasure";
    public const string Retention = "privacy.retention";

    /// <summary>The actor of both: the bot itself (an erasure's requester is not named, not even by pseudonym).</summary>
    public const string Actor = "system";
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
    public const string ConversationState = "conversation-state";
    public const string UserState = "user-state";
    public const string AuditEvents = "audit-events";
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

    /// <summary>"kind=N" for every kind counted, by kind: the one audit line of an erasure or a retention run (no keys).</summary>
    public string Summary() =>
        string.Join(' ', _byKind.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + "=" + c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

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

using System.Security.Cryptography;
using System.Text;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Questions;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Content;

/// <summary>What kind of content an item is.</summary>
public enum ContentKind
{
    Guidance,
    ChecklistItem,
    Answer,
}

/// <summary>
/// One versioned content item: its id, kind, version, review date, change note, a short title in both languages, and
/// what a button should open for it (the checklist an item belongs to, the answer itself; nothing for guidance).
/// </summary>
public sealed record VersionedItem(string Id, ContentKind Kind, int Version, DateOnly Reviewed, LocalizedText? ChangeNote, LocalizedText Title, string? ChecklistId, string? AnswerId)
{
    /// <summary>Kind and id: unique across the content (an item id and an answer id may be the same word).</summary>
    public string Key => $"{Kind}:{Id}";
}

/// <summary>Every versioned item of the content the bot runs with, and a hash of their versions.</summary>
public interface IContentVersions
{
    IReadOnlyList<VersionedItem> Items { get; }

    /// <summary>A short hash of every key and version: equal for equal content versions.</summary>
    string VersionHash { get; }
}

public sealed class ContentVersions : IContentVersions
{
    public ContentVersions(IEnumerable<VersionedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        VersionHash = HashOf(Items.Select(i => (i.Key, i.Version)));
    }

    public IReadOnlyList<VersionedItem> Items { get; }

    public string VersionHash { get; }

    public static ContentVersions From(GuidanceContent guidance, ChecklistContent checklists, QuestionContent questions)
    {
        ArgumentNullException.ThrowIfNull(guidance);
        ArgumentNullException.ThrowIfNull(checklists);
        ArgumentNullException.ThrowIfNull(questions);
        var items = new List<VersionedItem>();
        items.AddRange(guidance.Actions.Select(a => new VersionedItem(a.Id, ContentKind.Guidance, a.Stamp.Version, a.Stamp.Reviewed, a.Stamp.ChangeNote, a.Text, null, null)));
        items.AddRange(checklists.Checklists.SelectMany(c => c.Items.Select(i =>
            new VersionedItem(i.Id, ContentKind.ChecklistItem, i.Stamp.Version, i.Stamp.Reviewed, i.Stamp.ChangeNote, new LocalizedText { Sv = i.Sv, En = i.En }, c.Id, null))));
        items.AddRange(questions.Entries.Select(e => new VersionedItem(
            e.Id,
            ContentKind.Answer,
            e.Stamp.Version,
            e.Stamp.Reviewed,
            e.Stamp.ChangeNote,
            new LocalizedText { Sv = e.QuestionsSv.Count > 0 ? e.QuestionsSv[0] : e.Id, En = e.QuestionsEn.Count > 0 ? e.QuestionsEn[0] : e.Id },
            e.Checklist,
            e.Id)));
        return new ContentVersions(items);
    }

    /// <summary>SHA-256 over "key=version" lines in key order, first 16 hex digits: a safe row-key part.</summary>
    public static string HashOf(IEnumerable<(string Key, int Version)> versions)
    {
        var text = string.Join('\n', versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Version}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}

/// <summary>The staleness rule: an item is stale when its review is more than the allowed months before today.</summary>
public static class ContentStaleness
{
    public const int DefaultMaxAgeMonths = 12;

    public static bool IsStale(DateOnly reviewed, DateOnly today, int maxAgeMonths) =>
        reviewed < today.AddMonths(-maxAgeMonths);

    public static IReadOnlyList<string> StaleKeys(IEnumerable<VersionedItem> items, DateOnly today, int maxAgeMonths) =>
        items.Where(i => IsStale(i.Reviewed, today, maxAgeMonths)).Select(i => i.Key).ToList();
}

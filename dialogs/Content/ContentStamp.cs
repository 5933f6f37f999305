using System.Globalization;
using System.Text.Json.Nodes;
using SupportBot.Dialogs.Engine;

namespace SupportBot.Dialogs.Content;

/// <summary>
/// What every guidance action, checklist item and answer carries so that it knows its age: a version (1, raised when the
/// advice changes), the date it was last reviewed ("granskad") and, optionally, what changed in that version.
/// </summary>
public sealed record ContentStamp(int Version, DateOnly Reviewed, LocalizedText? ChangeNote)
{
    /// <summary>Before loading has read the stamp (never seen after a successful load).</summary>
    public static readonly ContentStamp Unknown = new(0, default, null);
}

/// <summary>Reads and checks the stamp fields of one content item; a mistake stops the bot at start with a clear message.</summary>
internal static class ContentStamps
{
    public static ContentStamp Read(JsonObject item, string file, string kind, string? id, ICollection<string> problems)
    {
        var label = $"{file}: {kind} '{id}'";
        var version = 0;
        if (item["version"] is JsonValue v && v.TryGetValue<int>(out var number))
        {
            version = number;
        }

        if (version < 1)
        {
            problems.Add($"{label} needs a \"version\" (a whole number from 1).");
        }

        var reviewed = default(DateOnly);
        if (item["reviewed"] is not JsonValue r || !r.TryGetValue<string>(out var text)
            || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out reviewed))
        {
            problems.Add($"{label} needs a \"reviewed\" date (yyyy-MM-dd).");
        }

        LocalizedText? note = null;
        if (item["changeNote"] is JsonObject n)
        {
            var sv = n["sv"]?.GetValue<string>();
            var en = n["en"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(sv) || string.IsNullOrWhiteSpace(en))
            {
                problems.Add($"{label} has a \"changeNote\" without both Swedish and English.");
            }
            else
            {
                note = new LocalizedText { Sv = sv, En = en };
            }
        }

        return new ContentStamp(version, reviewed, note);
    }

    /// <summary>Missing and duplicate ids of one kind, as problems.</summary>
    public static void CheckIds(IEnumerable<string?> ids, string file, string kind, ICollection<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"{file}: a {kind} has no \"id\".");
            }
            else if (!seen.Add(id))
            {
                problems.Add($"{file}: the {kind} id '{id}' is used twice.");
            }
        }
    }

    public static void ThrowIfAny(ICollection<string> problems, string file)
    {
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{file}: " + string.Join(" ", problems.Select(p => p.StartsWith(file + ": ", StringComparison.Ordinal) ? p[(file.Length + 2)..] : p)));
        }
    }
}

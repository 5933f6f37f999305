using System.Text.Json.Nodes;
using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Triage;

namespace SupportBot.Dialogs.Questions;

/// <summary>
/// The questions a municipal security officer asks, with short sourced answers in Swedish and English
/// (<c>content/questions.json</c>), and the word parts the search splits Swedish compounds into.
/// </summary>
public sealed class QuestionContent
{
    private static readonly Lazy<QuestionContent> s_default = new(() => Parse(ContentFiles.ReadObject("questions.json")));

    private QuestionContent(IReadOnlyList<QuestionEntry> entries, IReadOnlyList<string> compoundParts)
    {
        Entries = entries;
        CompoundParts = compoundParts;
    }

    public static QuestionContent Default => s_default.Value;

    public IReadOnlyList<QuestionEntry> Entries { get; }

    public IReadOnlyList<string> CompoundParts { get; }

    internal static QuestionContent Parse(JsonObject root)
    {
        const string file = "questions.json";
        var problems = new List<string>();
        var entries = root["questions"]!.AsArray().OfType<JsonObject>().Select(e => new QuestionEntry
        {
            Id = e["id"]?.GetValue<string>() ?? string.Empty,
            Stamp = ContentStamps.Read(e, file, "answer", e["id"]?.GetValue<string>(), problems),
            QuestionsSv = Strings(e["questions"]!["sv"]),
            QuestionsEn = Strings(e["questions"]!["en"]),
            Answer = new LocalizedText { Sv = e["answer"]!["sv"]!.GetValue<string>(), En = e["answer"]!["en"]!.GetValue<string>() },
            Source = new GuidanceSource { Name = e["source"]!["name"]!.GetValue<string>(), Url = e["source"]!["url"]!.GetValue<string>() },
            Checklist = e["checklist"]?.GetValue<string>(),
            ShowContacts = e["showContacts"]?.GetValue<bool>() ?? false,
        }).ToList();
        ContentStamps.CheckIds(entries.Select(e => e.Id), file, "answer", problems);
        ContentStamps.ThrowIfAny(problems, file);
        return new QuestionContent(entries, Strings(root["compoundParts"]));
    }

    private static List<string> Strings(JsonNode? node) => node?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}

public sealed class QuestionEntry
{
    public required string Id { get; init; }

    public required IReadOnlyList<string> QuestionsSv { get; init; }

    public required IReadOnlyList<string> QuestionsEn { get; init; }

    public required LocalizedText Answer { get; init; }

    public required GuidanceSource Source { get; init; }

    /// <summary>Version, review date and change note.</summary>
    public ContentStamp Stamp { get; init; } = ContentStamp.Unknown;

    /// <summary>The checklist that fits the answer (an id in checklists.json), if any.</summary>
    public string? Checklist { get; init; }

    /// <summary>The answer is about reaching SKR's advisers: the card lists them (from configuration).</summary>
    public bool ShowContacts { get; init; }
}

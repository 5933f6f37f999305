using System.Text.Json.Nodes;
using SupportBot.Dialogs.Content;
using SupportBot.Dialogs.Engine;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Questions;
using SupportBot.Dialogs.Triage;
using SupportBot.Testing;

namespace SupportBot.Tests.Content;

/// <summary>Content that knows its age: every guidance action, checklist item and answer has an id, a version and a review date.</summary>
public sealed class ContentVersionTests
{
    private static readonly ContentVersions Versions = ContentVersions.From(GuidanceContent.Default, ChecklistContent.Default, QuestionContent.Default);

    /// <summary>The staleness test: the real content, against the real date and the configured age (appsettings.json).</summary>
    [Fact]
    public void Content_NoItemReviewedLongerAgoThanTheConfiguredAge()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.json")))!;
        var maxAge = settings["Content"]?["MaxReviewAgeMonths"]?.GetValue<int>() ?? ContentStaleness.DefaultMaxAgeMonths;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var stale = ContentStaleness.StaleKeys(Versions.Items, today, maxAge);

        Assert.True(stale.Count == 0, $"Reviewed more than {maxAge} months ago, review and re-date: {string.Join(", ", stale)}");
    }

    public static TheoryData<string, string, int, bool> StalenessCases => new()
    {
        { "2026-11-28", "2026-12-01", 12, false },
        { "2025-12-01", "2026-12-01", 12, false },
        { "2025-11-30", "2026-12-01", 12, true },
        { "2026-06-01", "2026-12-01", 6, false },
        { "2026-05-31", "2026-12-01", 6, true },
        { "2024-02-29", "2025-02-28", 12, false },
        { "2024-02-28", "2025-03-01", 12, true },
        { "2026-12-01", "2026-12-01", 0, false },
    };

    [Theory]
    [MemberData(nameof(StalenessCases))]
    public void IsStale_ReviewDateAgainstToday_FollowsTheRule(string reviewed, string today, int maxAgeMonths, bool stale) =>
        Assert.Equal(stale, ContentStaleness.IsStale(DateOnly.Parse(reviewed, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), maxAgeMonths));

    [Fact]
    public void StaleKeys_ListsOnlyTheStaleItems()
    {
        var items = new[] { Item("fresh", "2026-10-01"), Item("old", "2025-01-15"), Item("older", "2024-03-01") };
        Assert.Equal(["ChecklistItem:old", "ChecklistItem:older"], ContentStaleness.StaleKeys(items, new DateOnly(2026, 12, 1), 12));
    }

    [Fact]
    public void Items_CoverEveryActionChecklistItemAndAnswerWithAVersionAndADate()
    {
        Assert.Equal(GuidanceContent.Default.Actions.Count, Versions.Items.Count(i => i.Kind == ContentKind.Guidance));
        Assert.Equal(ChecklistContent.Default.Checklists.Sum(c => c.Items.Count), Versions.Items.Count(i => i.Kind == ContentKind.ChecklistItem));
        Assert.Equal(QuestionContent.Default.Entries.Count, Versions.Items.Count(i => i.Kind == ContentKind.Answer));
        Assert.All(Versions.Items, i =>
        {
            Assert.True(i.Version >= 1, i.Key);
            Assert.True(i.Reviewed <= DateOnly.FromDateTime(DateTime.UtcNow), i.Key);
            Assert.False(string.IsNullOrWhiteSpace(i.Title.Sv), i.Key);
        });
        Assert.Equal(Versions.Items.Count, Versions.Items.Select(i => i.Key).Distinct().Count());
        Assert.All(Versions.Items.Where(i => i.Kind == ContentKind.ChecklistItem), i => Assert.NotNull(ChecklistContent.Default.Find(i.ChecklistId)));
    }

    [Fact]
    public void VersionHash_ChangesWithAVersionAndNotWithOrder()
    {
        var a = new ContentVersions([Item("a", "2026-11-28"), Item("b", "2026-11-28")]);
        var reordered = new ContentVersions([Item("b", "2026-11-28"), Item("a", "2026-11-28")]);
        var raised = new ContentVersions([Item("a", "2026-11-28", version: 2), Item("b", "2026-11-28")]);

        Assert.Equal(a.VersionHash, reordered.VersionHash);
        Assert.NotEqual(a.VersionHash, raised.VersionHash);
    }

    public static TheoryData<string, string> BrokenAnswers => new()
    {
        { """{"id":"a","questions":{"sv":["q"],"en":["q"]},"answer":{"sv":"s","en":"e"},"source":{"name":"n","url":"https://a.example"},"reviewed":"2026-11-28"}""", "needs a \"version\"" },
        { """{"id":"a","questions":{"sv":["q"],"en":["q"]},"answer":{"sv":"s","en":"e"},"source":{"name":"n","url":"https://a.example"},"version":1}""", "needs a \"reviewed\" date" },
        { """{"id":"a","questions":{"sv":["q"],"en":["q"]},"answer":{"sv":"s","en":"e"},"source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"28/11/2026"}""", "needs a \"reviewed\" date" },
        { """{"id":"a","questions":{"sv":["q"],"en":["q"]},"answer":{"sv":"s","en":"e"},"source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28","changeNote":{"sv":"x"}}""", "changeNote" },
        { """{"questions":{"sv":["q"],"en":["q"]},"answer":{"sv":"s","en":"e"},"source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"}""", "has no \"id\"" },
    };

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public void QuestionParse_MissingOrBadStamp_RefusesToLoadNamingTheProblem(string entry, string mentioned)
    {
        var json = JsonNode.Parse($$"""{ "questions": [ {{entry}} ] }""")!.AsObject();
        var error = Assert.Throws<InvalidDataException>(() => QuestionContent.Parse(json));
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("questions.json:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuestionParse_DuplicateIds_RefusesToLoad()
    {
        const string entry = """{"id":"a","questions":{"sv":["q"],"en":["q"]},"answer":{"sv":"s","en":"e"},"source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"}""";
        var json = JsonNode.Parse($$"""{ "questions": [ {{entry}}, {{entry}} ] }""")!.AsObject();
        Assert.Contains("'a' is used twice", Assert.Throws<InvalidDataException>(() => QuestionContent.Parse(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChecklistParse_ItemWithoutVersion_RefusesToLoad()
    {
        var json = JsonNode.Parse("""
            { "checklists": [ {"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"https://a.example"},"reviewed":"2026-11-28"}]} ],
              "forCases": [ { "when": {}, "checklists": ["a"] } ] }
            """)!.AsObject();
        Assert.Contains("item 'x' needs a \"version\"", Assert.Throws<InvalidDataException>(() => ChecklistContent.Parse(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeNote_IsReadInBothLanguages()
    {
        var json = JsonNode.Parse("""
            { "checklists": [ {"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"https://a.example"},"version":2,"reviewed":"2026-11-28","changeNote":{"sv":"Nytt råd","en":"New advice"}}]} ],
              "forCases": [ { "when": {}, "checklists": ["a"] } ] }
            """)!.AsObject();
        var stamp = ChecklistContent.Parse(json).Checklists[0].Items[0].Stamp;
        Assert.Equal(new ContentStamp(2, new DateOnly(2026, 11, 28), stamp.ChangeNote), stamp);
        Assert.Equal("New advice", stamp.ChangeNote!.En);
    }

    [Theory]
    [InlineData(UserLanguage.Swedish, "Granskad december 2026")]
    [InlineData(UserLanguage.English, "Reviewed December 2026")]
    public void ReviewedLine_ShowsTheLatestMonthInTheLanguage(UserLanguage language, string expected) =>
        Assert.Equal(expected, ReviewedLine.For(TextCatalog.Default, [new DateOnly(2026, 11, 28), new DateOnly(2026, 12, 1)], language));

    private static VersionedItem Item(string id, string reviewed, int version = 1) =>
        new(id, ContentKind.ChecklistItem, version, DateOnly.Parse(reviewed, System.Globalization.CultureInfo.InvariantCulture), null, new LocalizedText { Sv = id, En = id }, "organisation", null);
}

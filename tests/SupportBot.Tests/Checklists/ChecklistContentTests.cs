using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupportBot.Dialogs.Triage;
using SupportBot.Testing;

namespace SupportBot.Tests.Checklists;

/// <summary>dialogs/content/checklists.json: what a reviewer relies on (both languages, a source on every item, stable ids) and which checklists fit a case.</summary>
public sealed partial class ChecklistContentTests
{
    private static readonly ChecklistContent Content = ChecklistContent.Default;

    [Fact]
    public void Checklists_AreTheEightOfDomainMd_InOrder()
    {
        Assert.Equal(
            ["organisation", "home", "public-meetings", "if-something-happens", "evidence", "social-media", "support", "media"],
            Content.Checklists.Select(c => c.Id));
        Assert.Equal("Inför offentliga möten", Content.Find("public-meetings")!.Title.Sv);
    }

    [Fact]
    public void EveryItem_HasSwedishEnglishASourceWithHttpsUrlAndAUniqueId()
    {
        var items = Content.Checklists.SelectMany(c => c.Items).ToList();
        Assert.All(items, item =>
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Sv), item.Id);
            Assert.False(string.IsNullOrWhiteSpace(item.En), item.Id);
            Assert.NotEqual(item.Sv, item.En);
            Assert.False(string.IsNullOrWhiteSpace(item.Source.Name), item.Id);
            Assert.StartsWith("https://", item.Source.Url, StringComparison.Ordinal);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", item.Id);
        });
        var ids = Content.Checklists.Select(c => c.Id).Concat(items.Select(i => i.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Content_MustNeverBeWrongFacts_HoldInEveryItem()
    {
        var all = string.Join("\n", Content.Checklists.SelectMany(c => c.Items).SelectMany(i => new[] { i.Sv, i.En }));
        Assert.Contains("112", all, StringComparison.Ordinal);
        Assert.Contains("114 14", all, StringComparison.Ordinal);
        Assert.DoesNotMatch(WrongPoliceNumber(), all);
        Assert.DoesNotContain("Säpo", all, StringComparison.Ordinal);
        var access = Content.Find("if-something-happens")!.Item("ish-access-restriction")!;
        Assert.Contains("går inte att lova", access.Sv, StringComparison.Ordinal);
        Assert.Contains("cannot be promised", access.En, StringComparison.Ordinal);
        Assert.Contains("116 006", Content.Find("support")!.Item("sup-victim-support")!.Sv, StringComparison.Ordinal);
    }

    [Fact]
    public void UnconfirmedChecklists_SayWhyInAComment()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "dialogs", "content", "checklists.json")))!;
        foreach (var id in new[] { "social-media", "media" })
        {
            var checklist = file["checklists"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;
            Assert.Contains("UNCONFIRMED", checklist["$comment"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    /// <summary>A case's answers (step id → answer) and the checklists its guidance card opens.</summary>
    public static TheoryData<string, string[]> Cases() => new()
    {
        { "what=prevention", ["organisation", "public-meetings"] },
        { "what=online-hate;channel=social-media", ["if-something-happens", "evidence", "social-media", "support"] },
        { "what=threat;channel=social-media", ["if-something-happens", "evidence", "social-media", "support"] },
        { "what=harassment;channel=email,social-media", ["if-something-happens", "evidence", "social-media", "support"] },
        { "what=threat;channel=letter", ["if-something-happens", "evidence", "support", "organisation"] },
        { "what=threat;channel=letter,home;markers=knows-home", ["if-something-happens", "evidence", "home", "support"] },
        { "what=harassment;channel=in-person;markers=followed-mapped", ["if-something-happens", "evidence", "home", "support"] },
        { "what=online-hate;channel=social-media;markers=sexualised", ["if-something-happens", "evidence", "social-media", "support", "media"] },
        { "what=violence;channel=meeting", ["if-something-happens", "evidence", "support", "organisation"] },
        { "", ["if-something-happens", "evidence", "support", "organisation"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForCase_Answers_PicksTheFittingChecklists(string answers, string[] expected)
    {
        var raw = answers.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);
        Assert.Equal(expected, Content.ForCase(new TriageAnswers(raw)).Select(c => c.Id));
    }

    /// <summary>A broken variant of a minimal valid file, and what the load error must mention.</summary>
    public static TheoryData<string, string> BrokenContent() => new()
    {
        { """{"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"},{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"}]}""", "'x'" },
        { """{"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"","source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"}]}""", "Swedish and English" },
        { """{"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"skr.se"}}]}""", "source" },
        { """{"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"","url":"https://a.example"}}]}""", "source" },
        { """{"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e"}]}""", "source" },
        { """{"id":"A B","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"}]}""", "'A B'" },
        { """{"id":"a","title":{"sv":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"}]}""", "checklists.json" },
        { """{"id":"a","title":{"sv":"A","en":"A"},"items":[]}""", "no items" },
    };

    [Theory]
    [MemberData(nameof(BrokenContent))]
    public void Parse_BrokenChecklist_RefusesToLoadNamingTheProblem(string checklist, string mentioned)
    {
        var json = JsonNode.Parse($$"""{ "checklists": [ {{checklist}} ], "forCases": [ { "when": {}, "checklists": [] } ] }""")!.AsObject();
        var error = Assert.Throws<InvalidDataException>(() => ChecklistContent.Parse(json));
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RuleNamingAnUnknownChecklist_RefusesToLoad()
    {
        var json = JsonNode.Parse("""
            { "checklists": [ {"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"}]} ],
              "forCases": [ { "when": {}, "checklists": ["b"] } ] }
            """)!.AsObject();
        Assert.Contains("'b'", Assert.Throws<InvalidDataException>(() => ChecklistContent.Parse(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MinimalValidFile_Loads() =>
        Assert.Single(ChecklistContent.Parse(JsonNode.Parse("""
            { "checklists": [ {"id":"a","title":{"sv":"A","en":"A"},"items":[{"id":"x","sv":"s","en":"e","source":{"name":"n","url":"https://a.example"},"version":1,"reviewed":"2026-11-28"}]} ],
              "forCases": [ { "when": {}, "checklists": ["a"] } ] }
            """)!.AsObject()).Checklists);

    [GeneratedRegex(@"\b114\s?(?!14\b)\d{2}\b|\b11414\b")]
    private static partial Regex WrongPoliceNumber();
}

using System.Text.Json.Nodes;
using SupportBot.Cards;
using SupportBot.Testing;

namespace SupportBot.Tests.Cards;

/// <summary>The binder's templating rules, each case checked against Microsoft's official engine.</summary>
public sealed class CardTemplateTests
{
    private static JsonArray LoadCases() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "SupportBot.Tests", "Cards", "binder-cases.json")))!.AsArray();

    [Fact]
    public async Task Expand_EveryBinderCase_EqualsOfficialEngine()
    {
        var cases = LoadCases();
        var official = await OfficialCardEngine.RunAsync(new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["template"] = c!["template"]!.DeepClone(),
            ["data"] = c["data"]!.DeepClone(),
        }).ToArray()));

        for (var i = 0; i < cases.Count; i++)
        {
            var name = cases[i]!["name"]!.GetValue<string>();
            var ours = new CardTemplate(name, cases[i]!["template"]!).Expand(cases[i]!["data"]);
            Assert.True(JsonNode.DeepEquals(official[i].Expanded, ours), $"{name}: ours {ours.ToJsonString()}\nofficial {official[i].Expanded?.ToJsonString()}");
        }
    }

    [Fact]
    public void Expand_Twice_DoesNotChangeTheTemplate()
    {
        var template = new CardTemplate("t", JsonNode.Parse("""{"type":"TextBlock","text":"${a}"}""")!);
        var first = template.Expand(JsonNode.Parse("""{"a":"one"}"""));
        var second = template.Expand(JsonNode.Parse("""{"a":"two"}"""));
        Assert.Equal("one", first["text"]!.GetValue<string>());
        Assert.Equal("two", second["text"]!.GetValue<string>());
    }

    [Fact]
    public void Expand_UnsupportedFunction_FailsLoudly()
    {
        var template = new CardTemplate("t", JsonNode.Parse("""{"type":"TextBlock","text":"${frobnicate(a)}"}""")!);
        Assert.Throws<FormatException>(() => template.Expand(new JsonObject()));
    }

    [Theory]
    [InlineData("[länk](https://evil.example)", "\\[länk\\]\\(hxxps://evil\\[.\\]example\\)")]
    [InlineData("**fet** _kursiv_", "\\*\\*fet\\*\\* \\_kursiv\\_")]
    [InlineData("abc\u202Edef", "abcdef")]
    [InlineData("noll\u200Bbredd", "nollbredd")]
    [InlineData("rad1\nrad2", "rad1\nrad2")]
    [InlineData(null, "")]
    public void CardTextEscape_UserText_IsInert(string? input, string expected)
    {
        Assert.Equal(expected, CardText.Escape(input));
    }
}

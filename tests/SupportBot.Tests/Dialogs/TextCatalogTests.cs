using System.Text.Json.Nodes;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Tests.Dialogs;

public sealed class TextCatalogTests
{
    private static IEnumerable<string> Paths(JsonNode? node, string prefix = "") => node switch
    {
        JsonObject obj => obj.SelectMany(p => Paths(p.Value, prefix + "/" + p.Key)),
        // Word lists may differ in length between languages; lists of objects (commands) must match.
        JsonArray arr when arr.All(i => i is JsonValue) => [prefix + "[]"],
        JsonArray arr => arr.SelectMany((item, i) => Paths(item, prefix + "/" + i)),
        _ => [prefix],
    };

    [Fact]
    public void Catalog_SwedishAndEnglish_HaveTheSameStructure()
    {
        var sv = Paths(TextCatalog.Default.For(UserLanguage.Swedish)).Order().ToList();
        var en = Paths(TextCatalog.Default.For(UserLanguage.English)).Order().ToList();
        Assert.Equal(sv, en);
    }

    [Theory]
    [InlineData(UserLanguage.Swedish, "emergency.line")]
    [InlineData(UserLanguage.English, "emergency.line")]
    [InlineData(UserLanguage.Swedish, "errors.apology")]
    [InlineData(UserLanguage.English, "errors.apology")]
    public void Text_EmergencyAndApology_Name112(UserLanguage language, string path) =>
        Assert.Contains("112", TextCatalog.Default.Get(language, path), StringComparison.Ordinal);

    [Theory]
    [InlineData(UserLanguage.Swedish)]
    [InlineData(UserLanguage.English)]
    public void Text_PoliceNonEmergency_Is11414(UserLanguage language)
    {
        // Must never be wrong: 114 14 is the police's non-emergency number.
        Assert.Contains("114 14", TextCatalog.Default.Get(language, "emergency.detail"), StringComparison.Ordinal);
        Assert.Contains("114 14", TextCatalog.Default.Get(language, "errors.apology"), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_NothingAnywhere_SaysNotACrime()
    {
        foreach (var language in Enum.GetValues<UserLanguage>())
        {
            var all = TextCatalog.Default.For(language).ToJsonString();
            Assert.DoesNotContain("inte ett brott", all, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("not a crime", all, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(null, UserLanguage.Swedish)]
    [InlineData("", UserLanguage.Swedish)]
    [InlineData("sv-SE", UserLanguage.Swedish)]
    [InlineData("fi-FI", UserLanguage.Swedish)]
    [InlineData("en", UserLanguage.English)]
    [InlineData("en-US", UserLanguage.English)]
    [InlineData("EN-gb", UserLanguage.English)]
    [InlineData("eng", UserLanguage.Swedish)]
    public void FromLocale_Locale_PicksLanguage(string? locale, UserLanguage expected) =>
        Assert.Equal(expected, UserLanguages.FromLocale(locale));

    [Theory]
    [InlineData("hjälp", "help")]
    [InlineData("  Hjälp! ", "help")]
    [InlineData("HELP", "help")]
    [InlineData("help?", "help")]
    [InlineData("hjälp mig", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Recognize_Text_MapsToCommand(string? text, string? expected) =>
        Assert.Equal(expected, new CommandRecognizer(TextCatalog.Default).Recognize(text));
}

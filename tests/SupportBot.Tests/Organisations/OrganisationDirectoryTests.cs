using System.Text.Json.Nodes;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Organisations;
using SupportBot.Testing;

namespace SupportBot.Tests.Organisations;

/// <summary>dialogs/content/organisations.json: every municipality and region under its SCB code, and the look-ups on it.</summary>
public sealed class OrganisationDirectoryTests
{
    private static readonly OrganisationDirectory Catalog = OrganisationDirectory.Load();

    [Fact]
    public void Load_EmbeddedFile_Has290MunicipalitiesAnd21Regions()
    {
        Assert.Equal(290, Catalog.Count(OrganisationKind.Municipality));
        Assert.Equal(21, Catalog.Count(OrganisationKind.Region));
        Assert.Equal(311, Catalog.All.Count);
    }

    /// <summary>Known organisations: code, kind, the name they write, and the short form people type.</summary>
    public static TheoryData<string, OrganisationKind, string, string?> Known() => new()
    {
        { "0180", OrganisationKind.Municipality, "Stockholms stad", "Stockholm" },
        { "1480", OrganisationKind.Municipality, "Göteborgs Stad", "Göteborg" },
        { "1280", OrganisationKind.Municipality, "Malmö stad", "Malmö" },
        { "2580", OrganisationKind.Municipality, "Luleå kommun", "Luleå" },
        { "0380", OrganisationKind.Municipality, "Uppsala kommun", "Uppsala" },
        { "0114", OrganisationKind.Municipality, "Upplands Väsby kommun", "Upplands Väsby" },
        { "1440", OrganisationKind.Municipality, "Ale kommun", "Ale" },
        { "0980", OrganisationKind.Municipality, "Region Gotland", "Gotland" },
        { "01", OrganisationKind.Region, "Region Stockholm", null },
        { "14", OrganisationKind.Region, "Västra Götalandsregionen", "VGR" },
        { "12", OrganisationKind.Region, "Region Skåne", null },
        { "25", OrganisationKind.Region, "Region Norrbotten", null },
        { "09", OrganisationKind.Region, "Region Gotland", null },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void TryGet_KnownCode_ReturnsTheOrganisation(string code, OrganisationKind kind, string name, string? alias)
    {
        Assert.True(Catalog.TryGet(code, out var organisation));
        Assert.Equal(code, organisation.Code);
        Assert.Equal(kind, organisation.Kind);
        Assert.Equal(name, organisation.Name);
        if (alias is not null)
        {
            Assert.Contains(alias, organisation.Aliases);
        }

        Assert.Same(organisation, Catalog.Find(code));
    }

    [Fact]
    public void Aliases_Gothenburg_IncludeWhatPeopleType()
    {
        var gothenburg = Catalog.Find("1480")!;
        Assert.Contains("Goteborg", gothenburg.Aliases);
        Assert.Contains("Gothenburg", gothenburg.Aliases);
    }

    [Fact]
    public void All_Codes_AreUniqueAndOfTheirKindsForm()
    {
        var codes = Catalog.All.Select(o => o.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Catalog.All, o => Assert.Matches(o.Kind == OrganisationKind.Municipality ? "^[0-9]{4}$" : "^[0-9]{2}$", o.Code));
        Assert.All(Catalog.All, o => Assert.False(string.IsNullOrWhiteSpace(o.Name), o.Code));
    }

    [Fact]
    public void All_MunicipalityCodes_StartWithAnExistingRegionCode()
    {
        var regions = Catalog.All.Where(o => o.Kind == OrganisationKind.Region).Select(o => o.Code).ToHashSet();
        Assert.All(Catalog.All.Where(o => o.Kind == OrganisationKind.Municipality), m => Assert.Contains(m.Code[..2], regions));
        Assert.All(regions, r => Assert.Contains(Catalog.All, o => o.Kind == OrganisationKind.Municipality && o.Code.StartsWith(r, StringComparison.Ordinal)));
    }

    [Fact]
    public void DisplayName_EnglishWithEnglishName_UsesIt()
    {
        Assert.Equal("City of Stockholm", Catalog.Find("0180")!.DisplayName(UserLanguage.English));
        Assert.Equal("City of Gothenburg", Catalog.Find("1480")!.DisplayName(UserLanguage.English));
        Assert.Equal("Göteborgs Stad", Catalog.Find("1480")!.DisplayName(UserLanguage.Swedish));
    }

    [Fact]
    public void DisplayName_EnglishWithoutEnglishName_FallsBackToSwedishName()
    {
        var lulea = Catalog.Find("2580")!;
        Assert.Null(lulea.NameEn);
        Assert.Equal("Luleå kommun", lulea.DisplayName(UserLanguage.English));
    }

    [Theory]
    [InlineData("9999")]
    [InlineData("0181 ")]
    [InlineData("180")]
    [InlineData("02")]
    [InlineData("")]
    [InlineData(null)]
    public void TryGet_UnknownCode_ReturnsFalseAndFindNull(string? code)
    {
        Assert.False(Catalog.TryGet(code, out _));
        Assert.Null(Catalog.Find(code));
    }

    [Theory]
    [InlineData("01", true)]
    [InlineData("0180", true)]
    [InlineData("9999", true)]
    [InlineData("180", false)]
    [InlineData("01800", false)]
    [InlineData("01a0", false)]
    [InlineData("٠١", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsCodeFormat_Code_IsTwoOrFourAsciiDigits(string? code, bool expected) =>
        Assert.Equal(expected, OrganisationDirectory.IsCodeFormat(code));

    /// <summary>Broken organisation lists (with one valid region "01" around them) and what the load error must mention.</summary>
    public static TheoryData<string, string> BrokenContent() => new()
    {
        { """{"code":"0114","kind":"kommun","name":"A kommun","aliases":[]},{"code":"0114","kind":"kommun","name":"B kommun","aliases":[]}""", "'0114' is used twice" },
        { """{"code":"114","kind":"kommun","name":"A kommun","aliases":[]}""", "4 digits" },
        { """{"code":"0114","kind":"region","name":"Region A","aliases":[]}""", "2 digits" },
        { """{"code":"0114","kind":"county","name":"A","aliases":[]}""", "'kommun' or 'region'" },
        { """{"code":"0114","kind":"kommun","name":" ","aliases":[]}""", "name is missing" },
        { """{"code":"0114","kind":"kommun","name":"A kommun","nameEn":"","aliases":[]}""", "nameEn" },
        { """{"code":"0114","kind":"kommun","name":"A kommun","aliases":[""]}""", "alias" },
        { """{"code":"0314","kind":"kommun","name":"A kommun","aliases":[]}""", "län 03" },
    };

    [Theory]
    [MemberData(nameof(BrokenContent))]
    public void Parse_BrokenContent_RefusesToLoadNamingTheProblem(string entries, string mentioned)
    {
        var json = JsonNode.Parse($$"""{ "organisations": [ {"code":"01","kind":"region","name":"Region Stockholm","aliases":[]}, {{entries}} ] }""")!.AsObject();
        var error = Assert.Throws<InvalidDataException>(() => OrganisationDirectory.Parse(json));
        Assert.Contains("organisations.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoOrganisationsArray_RefusesToLoad() =>
        Assert.Throws<InvalidDataException>(() => OrganisationDirectory.Parse(new JsonObject()));

    [Fact]
    public void File_NamesItsSource()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "dialogs", "content", "organisations.json")))!;
        Assert.StartsWith("https://www.scb.se/", file["source"]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("SCB", file["$comment"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

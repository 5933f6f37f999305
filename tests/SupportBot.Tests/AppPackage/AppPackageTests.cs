using System.IO.Compression;
using System.Text.Json.Nodes;
using SkiaSharp;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Localization;
using SupportBot.Testing;

namespace SupportBot.Tests.AppPackage;

/// <summary>The Teams app package: appPackage/ and the build step scripts/package-app.sh that zips it.</summary>
public sealed class AppPackageTests(AppPackageFixture package) : IClassFixture<AppPackageFixture>
{
    // The commands the issue asks for, in the order the Teams command menu shows them.
    private static readonly string[] MenuCommandIds = ["help", "report", "checklist", "my-cases", "overview"];

    [Fact]
    public void PackageApp_ValidId_ZipHoldsExactlyManifestLocalizationAndIconsAtItsRoot() =>
        Assert.Equal(["color.png", "en.json", "manifest.json", "outline.png"], package.EntryNames.Order(StringComparer.Ordinal));

    [Fact]
    public void PackageApp_ValidId_FillsTheIdEverywhereAndLeavesNoPlaceholder()
    {
        var manifest = package.Manifest;
        Assert.Equal(AppPackageFixture.AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppPackageFixture.AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal([AppPackageFixture.Domain], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        foreach (var name in new[] { "manifest.json", "en.json" })
        {
            var text = File.ReadAllText(Path.Combine(package.ExtractedFolder, name));
            Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        }

        // The template itself holds no environment's id: only the placeholder.
        var template = File.ReadAllText(Path.Combine(AppPackageFixture.SourceFolder, "manifest.json"));
        Assert.Equal(2, template.Split("{{MicrosoftAppId}}").Length - 1);
    }

    [Fact]
    public void PackageApp_ValidId_ShipsTheCommittedIconsAndLocalizationUnchanged()
    {
        foreach (var name in new[] { "color.png", "outline.png", "en.json" })
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(AppPackageFixture.SourceFolder, name)),
                File.ReadAllBytes(Path.Combine(package.ExtractedFolder, name)));
        }
    }

    [Fact]
    public async Task BuiltManifest_ValidatesOfflineAgainstTheSchemaOfItsVersion()
    {
        var manifest = package.Manifest;
        var version = manifest["manifestVersion"]!.GetValue<string>();
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());

        var result = Assert.Single(await ManifestSchema.ValidateAsync(Path.Combine(package.ExtractedFolder, "manifest.json")));

        Assert.EndsWith(Path.Combine($"v{version}", "MicrosoftTeams.schema.json"), result.SchemaFile, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task LocalizationFile_ValidatesOfflineAgainstTheLocalizationSchemaOfTheManifestVersion()
    {
        var version = package.Manifest["manifestVersion"]!.GetValue<string>();

        var result = Assert.Single(await ManifestSchema.ValidateAsync(Path.Combine(package.ExtractedFolder, "en.json")));

        Assert.EndsWith(Path.Combine($"v{version}", "MicrosoftTeams.Localization.schema.json"), result.SchemaFile, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task SchemaValidation_BrokenManifestAndLocalization_AreReported()
    {
        // Proves the validator is not vacuous: a wrong id, an unknown property and an over-long name fail.
        var folder = Directory.CreateTempSubdirectory("supportbot-badmanifest-").FullName;
        try
        {
            var manifest = package.Manifest;
            manifest["id"] = "not-a-guid";
            manifest["unknownProperty"] = true;
            var english = package.English;
            english["name.short"] = new string('x', 31);
            await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), manifest.ToJsonString());
            await File.WriteAllTextAsync(Path.Combine(folder, "en.json"), english.ToJsonString());

            var results = await ManifestSchema.ValidateAsync(Path.Combine(folder, "manifest.json"), Path.Combine(folder, "en.json"));

            Assert.Contains(results[0].Errors, e => e.StartsWith("/id ", StringComparison.Ordinal));
            Assert.Contains(results[0].Errors, e => e.Contains("unknownProperty", StringComparison.Ordinal));
            Assert.Contains(results[1].Errors, e => e.StartsWith("/name.short ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Manifest_IsSwedishFirstWithAnEnglishLocalizationAndASingleTenantBotInAllThreeScopes()
    {
        var manifest = package.Manifest;
        Assert.Equal("sv-SE", manifest["localizationInfo"]!["defaultLanguageTag"]!.GetValue<string>());
        var english = Assert.Single(manifest["localizationInfo"]!["additionalLanguages"]!.AsArray());
        Assert.Equal("en", english!["languageTag"]!.GetValue<string>());
        Assert.Equal("en.json", english["file"]!.GetValue<string>());
        Assert.Contains("förtroendevalda", manifest["description"]!["full"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("elected officials", package.English["description.full"]!.GetValue<string>(), StringComparison.Ordinal);

        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
        Assert.Equal("color.png", manifest["icons"]!["color"]!.GetValue<string>());
        Assert.Equal("outline.png", manifest["icons"]!["outline"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(UserLanguage.Swedish)]
    [InlineData(UserLanguage.English)]
    public void CommandMenu_EachLanguage_ListsTheBotsOwnCommandWordsForHelpReportChecklistMyCasesOverview(UserLanguage language)
    {
        var commands = MenuCommands(language);
        var recognizer = new CommandRecognizer(TextCatalog.Default);
        var keywords = TextCatalog.Default.Root(language)["commands"]!.AsArray()
            .ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!["keyword"]!.GetValue<string>());

        Assert.Equal(MenuCommandIds, commands.Select(c => recognizer.Recognize(c.Title)));
        // The word the bot itself shows in its help for that language, not merely one it also accepts.
        Assert.Equal(MenuCommandIds.Select(id => keywords[id]), commands.Select(c => c.Title));
        Assert.All(commands, c =>
        {
            // Teams' limits for bot commands (stricter than the schema's).
            Assert.InRange(c.Title.Length, 1, 32);
            Assert.InRange(c.Description.Length, 1, 128);
        });
    }

    [Fact]
    public void CommandMenu_EnglishLocalization_TranslatesEveryCommandOfTheManifest()
    {
        var lists = package.Manifest["bots"]![0]!["commandLists"]!.AsArray();
        var keys = package.English.Select(p => p.Key).Where(k => k.StartsWith("bots[", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var expected = lists
            .SelectMany((list, l) => Enumerable.Range(0, list!["commands"]!.AsArray().Count)
                .SelectMany(i => new[] { $"bots[0].commandLists[{l}].commands[{i}].description", $"bots[0].commandLists[{l}].commands[{i}].title" }))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public void CommandMenu_CaseWork_IsOfferedInThePersonalScopeOnly()
    {
        var lists = package.Manifest["bots"]![0]!["commandLists"]!.AsArray();
        var byScope = lists.SelectMany(list => list!["scopes"]!.AsArray().Select(scope => (Scope: scope!.GetValue<string>(), Commands: list["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList())))
            .ToDictionary(x => x.Scope, x => x.Commands);

        Assert.Contains("rapportera", byScope["personal"]);
        Assert.Contains("mina ärenden", byScope["personal"]);
        Assert.Contains("översikt", byScope["personal"]);
        foreach (var shared in new[] { "team", "groupChat" })
        {
            Assert.Equal(["hjälp", "checklista", "akut"], byScope[shared]);
        }
    }

    [Fact]
    public void ColorIcon_Is192By192AndFullyOpaque()
    {
        using var bitmap = Decode(Path.Combine(package.ExtractedFolder, "color.png"));
        Assert.Equal((192, 192), (bitmap.Width, bitmap.Height));
        Assert.All(bitmap.Pixels, p => Assert.Equal(255, p.Alpha));
        // Not a blank square: the white shield is drawn on the accent colour.
        Assert.Contains(bitmap.Pixels, p => p == SKColors.White);
        Assert.Contains(bitmap.Pixels, p => p == SKColor.Parse(package.Manifest["accentColor"]!.GetValue<string>()));
    }

    [Fact]
    public void OutlineIcon_Is32By32WhiteOnTransparent()
    {
        using var bitmap = Decode(Path.Combine(package.ExtractedFolder, "outline.png"));
        Assert.Equal((32, 32), (bitmap.Width, bitmap.Height));
        var visible = bitmap.Pixels.Where(p => p.Alpha > 0).ToList();
        Assert.All(visible, p => Assert.Equal((255, 255, 255), (p.Red, p.Green, p.Blue)));
        Assert.InRange(visible.Count, 32 * 32 / 10, 32 * 32 / 2);
        Assert.Equal(0, bitmap.GetPixel(0, 0).Alpha);
        Assert.Equal(0, bitmap.GetPixel(31, 31).Alpha);
    }

    [Fact]
    public async Task PackageApp_IdFromTheEnvironment_IsUsedAndTheDefaultOutputIsAppPackageBuild()
    {
        const string id = "a1b2c3d4-0000-4000-8000-1234567890ab";
        var zipPath = Path.Combine(RepoPaths.Root, "appPackage", "build", "SupportBot.zip");

        var run = await AppPackageFixture.RunScriptAsync([], new Dictionary<string, string?> { ["MicrosoftAppId"] = id });

        Assert.True(run.ExitCode == 0, run.ToString());
        using var zip = ZipFile.OpenRead(zipPath);
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.Equal(id, manifest["id"]!.GetValue<string>());
        Assert.Equal(id, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Empty(manifest["validDomains"]!.AsArray());
    }

    [Fact]
    public async Task PackageApp_VersionAndDeveloperUrls_AreTakenFromTheEnvironment()
    {
        var folder = Directory.CreateTempSubdirectory("supportbot-apppackage-").FullName;
        var output = Path.Combine(folder, "app.zip");
        var run = await AppPackageFixture.RunScriptAsync(
            ["--app-id", AppPackageFixture.AppId, "--version", "1.4.2", "--output", output],
            new Dictionary<string, string?>
            {
                ["DEVELOPER_WEBSITE_URL"] = "https://exempelby.se/",
                ["DEVELOPER_PRIVACY_URL"] = "https://exempelby.se/personuppgifter",
                ["DEVELOPER_TERMS_URL"] = null,
            });

        Assert.True(run.ExitCode == 0, run.ToString());
        JsonNode manifest;
        using (var zip = ZipFile.OpenRead(output))
        using (var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open()))
        {
            manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
        }

        Directory.Delete(folder, recursive: true);
        Assert.Equal("1.4.2", manifest["version"]!.GetValue<string>());
        Assert.Equal("https://exempelby.se/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
        Assert.Equal("https://exempelby.se/personuppgifter", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal("https://exempelby.se/", manifest["developer"]!["termsOfUseUrl"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "no bot app id")]
    [InlineData("not-a-guid", "is not a GUID")]
    [InlineData("3f2b8c1e-1a2b-4c3d-8e9f-0123456789a", "is not a GUID")]
    [InlineData("{3f2b8c1e-1a2b-4c3d-8e9f-0123456789ab}", "is not a GUID")]
    [InlineData("3f2b8c1e-1a2b-4c3d-8e9f-0123456789ab\"; x", "is not a GUID")]
    [InlineData("00000000-0000-0000-0000-000000000000", "all-zero example GUID")]
    public async Task PackageApp_MissingOrBadId_IsRefusedAndWritesNoZip(string id, string message)
    {
        var output = Path.Combine(Path.GetTempPath(), "supportbot-refused-" + Guid.NewGuid().ToString("N") + ".zip");

        var run = await AppPackageFixture.RunScriptAsync(["--output", output], new Dictionary<string, string?> { ["MicrosoftAppId"] = id });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--version", "1.0", "MAJOR.MINOR.PATCH")]
    [InlineData("--domain", "bad domain", "not a host name")]
    [InlineData("--colour", "red", "unknown argument")]
    public async Task PackageApp_BadOption_IsRefused(string option, string value, string message)
    {
        var run = await AppPackageFixture.RunScriptAsync(["--app-id", AppPackageFixture.AppId, option, value, "--output", "/nonexistent/x.zip"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }

    private sealed record MenuCommand(string Title, string Description);

    private List<MenuCommand> MenuCommands(UserLanguage language)
    {
        var commands = package.Manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();
        return language == UserLanguage.Swedish
            ? commands.Select(c => new MenuCommand(c!["title"]!.GetValue<string>(), c["description"]!.GetValue<string>())).ToList()
            : Enumerable.Range(0, commands.Count).Select(i => new MenuCommand(
                package.English[$"bots[0].commandLists[0].commands[{i}].title"]!.GetValue<string>(),
                package.English[$"bots[0].commandLists[0].commands[{i}].description"]!.GetValue<string>())).ToList();
    }

    private static SKBitmap Decode(string path)
    {
        // Unpremultiplied, so a half-transparent white edge pixel still reads as white.
        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException("not an image: " + path);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, bitmap.GetPixels()));
        return bitmap;
    }
}

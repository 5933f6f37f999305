using System.IO.Compression;
using System.Text.Json.Nodes;
using SupportBot.Testing;

namespace SupportBot.Tests.AppPackage;

/// <summary>Runs scripts/package-app.sh once with a known bot id and unpacks the zip it writes.</summary>
public sealed class AppPackageFixture : IAsyncLifetime
{
    public const string AppId = "3f2b8c1e-1a2b-4c3d-8e9f-0123456789ab";
    public const string Domain = "supportbot-test.azurewebsites.net";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "supportbot-apppackage-" + Guid.NewGuid().ToString("N"));

    public static string Script => Path.Combine(RepoPaths.Root, "scripts", "package-app.sh");

    public static string SourceFolder => Path.Combine(RepoPaths.Root, "appPackage");

    public string ZipPath => Path.Combine(_folder, "SupportBot.zip");

    public string ExtractedFolder => Path.Combine(_folder, "unzipped");

    public IReadOnlyList<string> EntryNames { get; private set; } = [];

    public CommandLine.Result Build { get; private set; } = new(-1, "", "");

    public JsonObject Manifest => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(ExtractedFolder, "manifest.json")))!;

    public JsonObject English => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(ExtractedFolder, "en.json")))!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Build = await RunScriptAsync(["--app-id", AppId, "--domain", Domain, "--output", ZipPath]);
        Assert.True(Build.ExitCode == 0, Build.ToString());
        using var zip = ZipFile.OpenRead(ZipPath);
        EntryNames = zip.Entries.Select(e => e.FullName).ToList();
        zip.ExtractToDirectory(ExtractedFolder);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs the build step without any MicrosoftAppId/BOT_DOMAIN from the environment unless given.</summary>
    public static Task<CommandLine.Result> RunScriptAsync(IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?> { ["MicrosoftAppId"] = null, ["BOT_DOMAIN"] = null, ["APP_VERSION"] = null };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return CommandLine.RunAsync("bash", [Script, .. arguments], environment: env);
    }
}

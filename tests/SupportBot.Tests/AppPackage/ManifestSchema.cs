using System.Text.Json.Nodes;
using SupportBot.Testing;

namespace SupportBot.Tests.AppPackage;

/// <summary>Validates files offline against the Teams JSON schemas shipped in npm @microsoft/app-manifest (validate-manifest.js).</summary>
internal static class ManifestSchema
{
    public sealed record Result(string File, string SchemaFile, IReadOnlyList<string> Errors);

    public static async Task<IReadOnlyList<Result>> ValidateAsync(params string[] files)
    {
        var package = Path.Combine(RepoPaths.Root, "node_modules", "@microsoft", "app-manifest", "package.json");
        Assert.True(File.Exists(package), "npm @microsoft/app-manifest is not installed: run `npm ci` in the repository root.");
        var script = Path.Combine(RepoPaths.Root, "tests", "SupportBot.Tests", "AppPackage", "validate-manifest.js");
        var run = await CommandLine.RunAsync("node", [script], stdin: new JsonArray(files.Select(f => (JsonNode)f!).ToArray()).ToJsonString());
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.StdOut)!.AsArray().Select(r => new Result(
            r!["file"]!.GetValue<string>(),
            r["schemaFile"]!.GetValue<string>(),
            r["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList())).ToList();
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using SupportBot.Testing;

namespace SupportBot.Tests.Cards;

/// <summary>Runs Microsoft's JavaScript Adaptive Cards libraries through node (tests/tools/official-cards.js).</summary>
internal static class OfficialCardEngine
{
    public sealed record Result(JsonObject? Expanded, IReadOnlyList<string> ParseEvents);

    public static async Task<IReadOnlyList<Result>> RunAsync(JsonArray cases)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "tools", "official-cards.js"));
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(cases.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "node failed: " + await stderr);
        var results = JsonNode.Parse(await stdout)!.AsArray();
        return results.Select(r => new Result(
            r!["expanded"] as JsonObject,
            r["parseEvents"]!.AsArray().Select(e => e!.GetValue<string>()).ToList())).ToList();
    }
}

using System.Diagnostics;
using SupportBot.Testing;

namespace SupportBot.Tests.AppPackage;

/// <summary>
/// m365agents.yml and m365agents.local.yml, checked offline with the Microsoft 365 Agents Toolkit CLI from npm
/// (@microsoft/m365agentstoolkit-cli, installed by scripts/test.sh): its schema, its drivers, the environment variables
/// each action needs (tests/tools/validate-m365agents.js), and the CLI recognising the project's environments.
/// </summary>
public sealed class AgentsToolkitProjectTests
{
    [Fact]
    public async Task ToolkitProject_OfflineValidation_FindsNoProblem()
    {
        var (exitCode, stdout, stderr) = await RunAsync("node", Path.Combine(RepoPaths.Root, "tests", "tools", "validate-m365agents.js"));

        Assert.True(exitCode == 0, stderr + stdout);
        Assert.Contains("m365agents.yml: toolkit schema", stdout, StringComparison.Ordinal);
        Assert.Contains("m365agents.local.yml: toolkit schema", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolkitCli_EnvList_SeesTheDevEnvironment()
    {
        var atk = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "atk");

        var (exitCode, stdout, stderr) = await RunAsync(atk, "env", "list", "--interactive", "false", "--telemetry", "false");

        Assert.True(exitCode == 0, stderr + stdout);
        Assert.Contains("dev", stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

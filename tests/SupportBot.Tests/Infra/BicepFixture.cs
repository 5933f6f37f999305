using System.Reflection;
using System.Text.Json.Nodes;
using SupportBot.Testing;
using SupportBot.Tests.AppPackage;

namespace SupportBot.Tests.Infra;

/// <summary>
/// Compiles infra/main.bicep and infra/main.bicepparam once with the Bicep CLI that restore downloads
/// (NuGet Azure.Bicep.CommandLine.linux-x64; its path is baked into this assembly by the test project).
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    public static string InfraFolder => Path.Combine(RepoPaths.Root, "infra");

    public CommandLine.Result Build { get; private set; } = new(-1, "", "");

    public CommandLine.Result BuildParams { get; private set; } = new(-1, "", "");

    /// <summary>The compiled ARM template.</summary>
    public JsonObject Template { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Build = await RunAsync("build", Path.Combine(InfraFolder, "main.bicep"), "--stdout");
        BuildParams = await RunAsync("build-params", Path.Combine(InfraFolder, "main.bicepparam"), "--stdout");
        if (Build.ExitCode == 0)
        {
            Template = (JsonObject)JsonNode.Parse(Build.StdOut)!;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static Task<CommandLine.Result> RunAsync(params string[] arguments) =>
        CommandLine.RunAsync(Executable(), arguments, environment: new Dictionary<string, string?>
        {
            // The parameters file reads the secret from here; the tests must not depend on the caller's shell.
            ["MICROSOFT_APP_PASSWORD"] = null,
        });

    private static string Executable()
    {
        var path = typeof(BicepFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepCli").Value!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep CLI is missing: run `dotnet restore` (NuGet Azure.Bicep.CommandLine.linux-x64).", path);
        }

        // NuGet extracts the binary without its execute bit on some setups. (The package is the linux-x64 build.)
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}

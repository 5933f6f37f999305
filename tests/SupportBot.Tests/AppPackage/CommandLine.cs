using System.Diagnostics;

namespace SupportBot.Tests.AppPackage;

/// <summary>Runs a command-line tool to completion with stdout and stderr kept apart (the tools' warnings go to stderr).</summary>
public static class CommandLine
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {StdOut}\nstderr: {StdErr}";
    }

    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? stdin = null,
        IDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = SupportBot.Testing.RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time: {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

using System.Globalization;

namespace SupportBot.Testing;

/// <summary>
/// One Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>, installed by <c>npm ci</c>): a
/// Teams-like web client with a mock Bot Connector, acting as the one current user of its configuration. It runs in
/// its own temporary folder holding <c>.m365agentsplayground.yml</c>; without a TTY it logs to
/// <c>devTools/m365agentsplayground.log</c> there. To act as several people at once, start one per person against
/// the same bot: each has its own port and so its own service URL.
/// </summary>
public sealed class Playground : IAsyncDisposable
{
    public const string ConfigFileName = ".m365agentsplayground.yml";

    private readonly ChildProcess _process;
    private bool _disposed;

    private Playground(ChildProcess process, int port, string folder, PlaygroundConfig config)
    {
        _process = process;
        Config = config;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    /// <summary>Who it acts as, in which tenant, and the ids of its chats.</summary>
    public PlaygroundConfig Config { get; }

    /// <summary>The web client. The service URL it gives the bot is <c>http://localhost:PORT/_connector</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The Playground's working folder (configuration and log).</summary>
    public string Folder { get; }

    public string LogPath => Path.Combine(Folder, "devTools", "m365agentsplayground.log");

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a Playground that sends the bot's activities to <paramref name="botEndpoint"/>, on a free port or on
    /// <paramref name="port"/> (the port of a Playground stopped before: the same service URL, new chats).
    /// </summary>
    public static async Task<Playground> StartAsync(Uri botEndpoint, PlaygroundConfig config, TimeSpan? timeout = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(botEndpoint);
        ArgumentNullException.ThrowIfNull(config);
        var executable = RepoPaths.NodeModulesBin("agentsplayground");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("The Microsoft 365 Agents Playground is not installed: run `npm ci` in the repository root.", executable);
        }

        var folder = Path.Combine(Path.GetTempPath(), "supportbot-playground-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ConfigFileName), config.ToYaml());

        var listenOn = port ?? FreePort.Next();
        var process = ChildProcess.Start(
            executable,
            ["--dt", "-e", botEndpoint.ToString(), "-c", "msteams", "-p", listenOn.ToString(CultureInfo.InvariantCulture)],
            folder,
            new Dictionary<string, string?>
            {
                // Otherwise it tries to open a browser with xdg-open and exits when that fails.
                ["TEAMSAPPTESTER_BROWSER"] = "none",
            });
        var playground = new Playground(process, listenOn, folder, config);
        try
        {
            await playground.WaitUntilAnsweringAsync(timeout ?? TimeSpan.FromSeconds(60));
            return playground;
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Playground's log (activities it sent and received, errors from the bot), or what it printed.</summary>
    public string ReadLog()
    {
        try
        {
            return File.Exists(LogPath) ? File.ReadAllText(LogPath) : _process.Output;
        }
        catch (IOException ex)
        {
            return $"(could not read {LogPath}: {ex.Message})\n{_process.Output}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Playground exited while starting. Its log:\n{ReadLog()}\n{_process.Output}");
            }

            try
            {
                using var response = await http.GetAsync(Url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"answered {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The Playground on port {Port} did not answer within {timeout.TotalSeconds:0}s ({last}). Its log:\n{ReadLog()}");
    }
}

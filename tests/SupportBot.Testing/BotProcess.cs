using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SupportBot.Testing;

/// <summary>
/// The bot as a real, separate process (<c>dotnet SupportBot.Bot.dll --urls http://127.0.0.1:PORT</c>) on a free
/// port, started the way an operator starts it: configuration through environment variables only.
/// <see cref="RestartAsync"/> stops it as an operator does and starts it again on the same port.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_defaultStartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _botDll;
    private readonly Dictionary<string, string?> _environment;
    private readonly StringBuilder _earlierOutput = new();
    private ChildProcess _process;

    private BotProcess(string botDll, Dictionary<string, string?> environment, int port)
    {
        _botDll = botDll;
        TestRateLimits.AddTo(environment);
        TestSecrets.AddTo(environment);
        _environment = environment;
        Port = port;
        _process = Launch(botDll, environment, port);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The Bot Framework endpoint a channel (the Playground, Teams) posts activities to.</summary>
    public Uri MessagesEndpoint => new(BaseUrl, "api/messages");

    /// <summary>What the bot logged so far (stdout and stderr), over all its runs when it was restarted.</summary>
    public string Output
    {
        get
        {
            // A failure message may read this while a restart is appending the previous run's output.
            lock (_earlierOutput)
            {
                return _earlierOutput + _process.Output;
            }
        }
    }

    /// <summary>How many times <see cref="RestartAsync"/> started the bot again.</summary>
    public int Restarts { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="botDll"/> with <paramref name="environment"/> and waits until <c>/healthz</c> answers
    /// 200, which also proves that the bot reaches its storage.
    /// </summary>
    public static async Task<BotProcess> StartAsync(string botDll, IDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        if (!File.Exists(botDll))
        {
            throw new FileNotFoundException("The bot is not built: build bot/SupportBot.Bot.csproj first.", botDll);
        }

        ArgumentNullException.ThrowIfNull(environment);
        var bot = new BotProcess(botDll, new Dictionary<string, string?>(environment), FreePort.Next());
        try
        {
            await bot.WaitUntilHealthyAsync(timeout ?? s_defaultStartTimeout);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the bot the way a host stops it for a deployment or a scale-in (SIGTERM: requests in flight finish, so
    /// the turn that was answering also saves its state) and starts the same dll again with the same environment on
    /// the same port, so that clients keep posting to the same endpoint. Nothing in the bot's memory survives; what
    /// it knows afterwards comes from its storage. Waits until <c>/healthz</c> answers 200 again.
    /// </summary>
    public async Task RestartAsync(TimeSpan? timeout = null)
    {
        await StopGracefullyAsync(TimeSpan.FromSeconds(20));
        lock (_earlierOutput)
        {
            _earlierOutput.Append(_process.Output)
                .AppendLine(CultureInfo.InvariantCulture, $"----- the test restarts the bot on port {Port} -----");
        }

        await _process.DisposeAsync();
        Restarts++;
        _process = Launch(_botDll, _environment, Port);
        await WaitUntilHealthyAsync(timeout ?? s_defaultStartTimeout);
    }

    /// <summary>Changes one environment variable for the next <see cref="RestartAsync"/> (null removes it).</summary>
    public void SetEnvironment(string key, string? value)
    {
        if (value is null)
        {
            _environment.Remove(key);
        }
        else
        {
            _environment[key] = value;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ChildProcess Launch(string botDll, Dictionary<string, string?> environment, int port)
    {
        // The dotnet CLI tells its children where the muxer is; fall back to the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        return ChildProcess.Start(
            dotnet,
            [botDll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            Path.GetDirectoryName(botDll)!,
            environment);
    }

    /// <summary>
    /// SIGTERM to the bot's own process (by its id; `dotnet app.dll` runs the app in the process it starts), then
    /// waits for it to exit; kills it if it does not within <paramref name="timeout"/>.
    /// </summary>
    private async Task StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            var kill = new ProcessStartInfo("kill") { UseShellExecute = false };
            kill.ArgumentList.Add("-TERM");
            kill.ArgumentList.Add(_process.Id.ToString(CultureInfo.InvariantCulture));
            try
            {
                using var signal = Process.Start(kill);
                if (signal is not null)
                {
                    await signal.WaitForExitAsync();
                }

                if (await _process.WaitForExitAsync(timeout) is not null)
                {
                    return;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No kill(1) on this machine: fall through to the hard stop.
            }
        }

        // No signal on Windows, or the bot did not stop in time: stop it the hard way.
        await _process.StopAsync();
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited while starting. Its output:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"/healthz answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The bot on port {Port} was not healthy within {timeout.TotalSeconds:0}s ({last}). Its output:\n{Output}");
    }
}

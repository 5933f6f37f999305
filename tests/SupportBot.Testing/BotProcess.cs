using System.Globalization;

namespace SupportBot.Testing;

/// <summary>
/// The bot as a real, separate process (<c>dotnet SupportBot.Bot.dll --urls http://127.0.0.1:PORT</c>) on a free
/// port, started the way an operator starts it: configuration through environment variables only.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private BotProcess(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The Bot Framework endpoint a channel (the Playground, Teams) posts activities to.</summary>
    public Uri MessagesEndpoint => new(BaseUrl, "api/messages");

    /// <summary>What the bot logged so far (stdout and stderr).</summary>
    public string Output => _process.Output;

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

        var port = FreePort.Next();
        // The dotnet CLI tells its children where the muxer is; fall back to the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var process = ChildProcess.Start(
            dotnet,
            [botDll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            Path.GetDirectoryName(botDll)!,
            environment);
        var bot = new BotProcess(process, port);
        try
        {
            await bot.WaitUntilHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

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

using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Testing;

/// <summary>
/// A real SMTP server with a web inbox (npm <c>maildev</c>, installed by <c>npm ci</c>) on two free ports, in memory,
/// for one test run. Tests send through it with the bot's own SMTP settings and read what was delivered from its
/// REST API (<c>GET /api/email</c>).
/// </summary>
public sealed class Maildev : IAsyncDisposable
{
    private readonly string _folder;
    private readonly HttpClient _http;
    private ChildProcess? _process;

    private Maildev(int smtpPort, int webPort, string folder)
    {
        SmtpPort = smtpPort;
        WebPort = webPort;
        _folder = folder;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    /// <summary>The web inbox a person opens in a browser.</summary>
    public Uri InboxUrl => new($"http://127.0.0.1:{WebPort}/");

    /// <summary>The bot's settings for this server (no TLS: a local test server).</summary>
    public IDictionary<string, string?> BotSettings(string separator = "__") => new Dictionary<string, string?>
    {
        [$"Smtp{separator}Host"] = "127.0.0.1",
        [$"Smtp{separator}Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Smtp{separator}Security"] = "None",
        [$"Smtp{separator}Sender"] = "supportbot@skr.example",
    };

    public static async Task<Maildev> StartAsync()
    {
        var executable = RepoPaths.NodeModulesBin("maildev");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("maildev is not installed: run `npm ci` in the repository root.", executable);
        }

        var folder = Path.Combine(Path.GetTempPath(), "supportbot-maildev-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var maildev = new Maildev(FreePort.Next(), FreePort.Next(), folder);
        maildev._process = ChildProcess.Start(
            executable,
            ["--smtp", maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--web", maildev.WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"],
            folder);
        await FreePort.WaitUntilListeningAsync(maildev.SmtpPort, TimeSpan.FromSeconds(30), () => maildev._process.Output);
        await FreePort.WaitUntilListeningAsync(maildev.WebPort, TimeSpan.FromSeconds(30), () => maildev._process.Output);
        return maildev;
    }

    /// <summary>Every message delivered so far: recipients, subject and plain text.</summary>
    public async Task<IReadOnlyList<DeliveredMail>> InboxAsync(CancellationToken cancellationToken = default)
    {
        var messages = await _http.GetFromJsonAsync<JsonArray>("api/email", cancellationToken).ConfigureAwait(false) ?? [];
        return messages.OfType<JsonObject>().Select(m => new DeliveredMail(
            m["to"]?.AsArray().Select(t => t?["address"]?.GetValue<string>() ?? string.Empty).ToList() ?? [],
            m["subject"]?.GetValue<string>() ?? string.Empty,
            m["text"]?.GetValue<string>() ?? string.Empty)).ToList();
    }

    /// <summary>Waits until a message for <paramref name="to"/> has arrived (at most <paramref name="timeout"/>).</summary>
    public async Task<DeliveredMail> WaitForAsync(string to, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = (await InboxAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase));
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No e-mail to {to} arrived within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>A message as the SMTP server received it.</summary>
public sealed record DeliveredMail(IReadOnlyList<string> To, string Subject, string Text);

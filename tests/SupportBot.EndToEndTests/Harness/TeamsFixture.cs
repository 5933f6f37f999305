using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Playwright;
using SupportBot.EndToEndTests.Pages;
using SupportBot.Testing;
using Xunit.Abstractions;

namespace SupportBot.EndToEndTests.Harness;

/// <summary>
/// Everything the scenarios share, started once for the whole collection, each on a free port: Azurite's table
/// service, the bot as its own process on it, one headless Chromium, and one Microsoft 365 Agents Playground per
/// person (started when a scenario first signs in as that person). Stops all of it at the end, pass or fail.
/// </summary>
public sealed class TeamsFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>Debian's chromium (apt-get install chromium chromium-driver). Playwright never downloads one here.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>The organisation the bot seeds with demo data (no scenario reports incidents for it) and Maria manages.</summary>
    public const string DemoOrganisation = "Demoby kommun";

    public const int DemoIncidents = 36;

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<Playground>> _sharedPlaygrounds = [];
    private readonly List<Task<Playground>> _allPlaygrounds = [];
    private readonly Stopwatch _clock = new();
    private int _freshCount;
    private Azurite? _azurite;
    private BotProcess? _bot;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BotProcess Bot => _bot ?? throw new InvalidOperationException("The fixture is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>How long starting Azurite, the bot and the browser took (for the run's timing report).</summary>
    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        _clock.Start();
        Task<IBrowser>? browser = null;
        try
        {
            // The browser does not depend on the bot: start both at once.
            browser = LaunchBrowserAsync();
            _azurite = await Azurite.StartAsync();
            _bot = await BotProcess.StartAsync(BotAssemblyPath(), new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Storage__ConnectionString"] = _azurite.ConnectionString,
                // SKL's two advisers are people.json's advisers: the bot knows them by their Entra object ids.
                ["Support__Advisers__0__Name"] = People.Adviser.Name,
                ["Support__Advisers__0__AadObjectId"] = People.Adviser.AadObjectId,
                ["Support__Advisers__0__Email"] = People.Adviser.Email,
                ["Support__Advisers__1__Name"] = People.SecondAdviser.Name,
                ["Support__Advisers__1__AadObjectId"] = People.SecondAdviser.AadObjectId,
                ["Support__Advisers__1__Email"] = People.SecondAdviser.Email,
                ["Teams__OutboxPollSeconds"] = "1",
                // Maria manages the demo organisation, which the bot seeds with its synthetic incidents at start.
                ["Support__Managers__0__AadObjectId"] = People.Manager.AadObjectId,
                ["Support__Managers__0__Organisation"] = DemoOrganisation,
                ["Demo__Organisation"] = DemoOrganisation,
                ["Demo__Incidents"] = DemoIncidents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            _browser = await browser;
            Assertions.SetDefaultExpectTimeout(15_000);
            StartupTime = _clock.Elapsed;
            Report($"Azurite on {_azurite.Port}, bot on {_bot.Port}, Chromium {_browser.Version}: started in {StartupTime.TotalSeconds:0.0}s.");
        }
        catch
        {
            if (browser is not null && _browser is null)
            {
                // Let the launch finish, whatever its outcome, so that a browser that did start is closed too.
                await Task.WhenAny(browser);
                _browser = browser.IsCompletedSuccessfully ? browser.Result : null;
            }

            await DisposeAsync();
            throw;
        }
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = s_chromiumArgs,
        });
    }

    /// <summary>
    /// Opens the Playground in a new browser window signed in as <paramref name="person"/>. With
    /// <paramref name="freshConversations"/> the person gets a Playground of their own whose personal chat, group chat
    /// and team are new to the bot (as for someone who never used it); otherwise the person's shared Playground.
    /// </summary>
    public async Task<TeamsClient> SignInAsync(Person person, bool freshConversations = false)
    {
        ArgumentNullException.ThrowIfNull(person);
        var playground = await PlaygroundForAsync(person, freshConversations);
        return await TeamsClient.OpenAsync(Browser, person, playground, People.Bot.Name, People.GroupChat.Name, People.Team.Name, People.Team.Channel.Name);
    }

    /// <summary>
    /// Opens another browser window on the Playground <paramref name="earlier"/> uses, signed in as the same person: someone
    /// who closed Teams and comes back later to the same chats.
    /// </summary>
    public Task<TeamsClient> SignInAgainAsync(TeamsClient earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return TeamsClient.OpenAsync(Browser, earlier.Person, earlier.Playground, People.Bot.Name, People.GroupChat.Name, People.Team.Name, People.Team.Channel.Name);
    }

    /// <summary>
    /// Stops the bot and starts it again on the same port with the same Azurite, as a deployment or a crash-free
    /// restart does: the Playgrounds keep posting to the same endpoint, and whatever the bot knows afterwards it
    /// read from Table Storage.
    /// </summary>
    public async Task RestartBotAsync()
    {
        var started = _clock.Elapsed;
        await Bot.RestartAsync();
        Report($"Bot restarted on {Bot.Port} in {(_clock.Elapsed - started).TotalSeconds:0.0}s.");
    }

    /// <summary>The bot's log so far, for failure reports.</summary>
    public string BotOutput => _bot?.Output ?? "(the bot did not start)";

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        foreach (var starting in _allPlaygrounds)
        {
            try
            {
                await (await starting).DisposeAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or IOException)
            {
                // It never started (and cleaned up after itself); the scenario that asked for it has failed already.
            }
        }

        _allPlaygrounds.Clear();
        _sharedPlaygrounds.Clear();
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
            _bot = null;
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            _azurite = null;
        }

        Report($"Stopped everything after {_clock.Elapsed.TotalSeconds:0.0}s.");
    }

    private void Report(string message) =>
        diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage("End-to-end fixture: " + message));

    private Task<Playground> PlaygroundForAsync(Person person, bool fresh)
    {
        lock (_gate)
        {
            if (!fresh && _sharedPlaygrounds.TryGetValue(person.Key, out var shared))
            {
                return shared;
            }

            var suffix = fresh ? "-fresh" + (++_freshCount).ToString(CultureInfo.InvariantCulture) : string.Empty;
            var starting = StartPlaygroundAsync(person, suffix);
            _allPlaygrounds.Add(starting);
            if (!fresh)
            {
                _sharedPlaygrounds[person.Key] = starting;
            }

            return starting;
        }
    }

    private async Task<Playground> StartPlaygroundAsync(Person person, string conversationSuffix)
    {
        var started = _clock.Elapsed;
        var playground = await Playground.StartAsync(Bot.MessagesEndpoint, People.PlaygroundConfigFor(person, conversationSuffix));
        Report($"Playground for {person}{(conversationSuffix.Length > 0 ? " with fresh conversations" : string.Empty)} on {playground.Port}: started in {(_clock.Elapsed - started).TotalSeconds:0.0}s.");
        return playground;
    }

    /// <summary>
    /// The bot's dll for the configuration these tests were built in: the project file embeds the path that the bot
    /// project reports (GetTargetPath); the fallback looks under bot/bin for a clone moved after building.
    /// SUPPORTBOT_BOT_DLL runs the scenarios against another build (e.g. a published bot).
    /// </summary>
    private static string BotAssemblyPath()
    {
        if (Environment.GetEnvironmentVariable("SUPPORTBOT_BOT_DLL") is { Length: > 0 } custom)
        {
            return custom;
        }

        var embedded = typeof(TeamsFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SupportBot.Bot.Path")?.Value;
        if (!string.IsNullOrEmpty(embedded) && File.Exists(embedded))
        {
            return embedded;
        }

        var configuration = typeof(TeamsFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var candidate = Path.Combine(RepoPaths.Root, "bot", "bin", configuration, "net10.0", "SupportBot.Bot.dll");
        return File.Exists(candidate)
            ? candidate
            : throw new FileNotFoundException($"The bot's dll is neither at '{embedded}' nor at '{candidate}'. Build tests/SupportBot.EndToEndTests (it builds the bot first).");
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("SUPPORTBOT_CHROMIUM") is { Length: > 0 } custom ? custom : DefaultChromiumPath;
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Chromium is not installed at {path}: apt-get install -y chromium chromium-driver (or set SUPPORTBOT_CHROMIUM).", path);
    }
}

/// <summary>All end-to-end scenarios share one <see cref="TeamsFixture"/> and so run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedTeams : ICollectionFixture<TeamsFixture>
{
    public const string Name = "Teams end to end";
}

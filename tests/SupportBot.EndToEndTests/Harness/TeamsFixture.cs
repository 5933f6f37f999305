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
/// service, an SMTP server with an inbox (maildev), the bot as its own process on them, one headless Chromium, and
/// one Microsoft 365 Agents Playground per person, in that person's tenant (started when a scenario first signs in as
/// that person). The bot knows people.json's tenants A and B, SKR's two advisers in SKR's tenant and Maria as the
/// manager of A's organisation; the stranger's tenant is not configured. Stops all of it at the end, pass or fail.
/// </summary>
public sealed class TeamsFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>Debian's chromium (apt-get install chromium chromium-driver). Playwright never downloads one here.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// The organisation the bot seeds with demo data and Maria manages: tenant A's only one (SCB code 0380), so
    /// Karin's reports from A count in its overview as well.
    /// </summary>
    public const string DemoOrganisation = "0380";

    /// <summary>Its name in the organisation directory (dialogs/content/organisations.json), as cards show it.</summary>
    public const string DemoOrganisationName = "Uppsala kommun";

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
    private Maildev? _maildev;
    private BotProcess? _bot;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BotProcess Bot => _bot ?? throw new InvalidOperationException("The fixture is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>The SMTP server the bot sends its e-mail through, and its inbox.</summary>
    public Maildev Mail => _maildev ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>The bot's storage (Azurite), for assertions on what it stored.</summary>
    public string StorageConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>How long starting Azurite, the bot and the browser took (for the run's timing report).</summary>
    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        _clock.Start();
        Task<IBrowser>? browser = null;
        Task<Maildev> maildev = Task.FromException<Maildev>(new InvalidOperationException("maildev was not started."));
        try
        {
            // The browser and the SMTP server do not depend on the bot: start them at once.
            browser = LaunchBrowserAsync();
            maildev = Maildev.StartAsync();
            _azurite = await Azurite.StartAsync();
            _maildev = await maildev;
            _bot = await BotProcess.StartAsync(BotAssemblyPath(), BotEnvironment(_azurite, _maildev));
            _browser = await browser;
            Assertions.SetDefaultExpectTimeout(15_000);
            StartupTime = _clock.Elapsed;
            Report($"Azurite on {_azurite.Port}, maildev on {_maildev.SmtpPort} (inbox {_maildev.WebPort}), bot on {_bot.Port}, Chromium {_browser.Version}: started in {StartupTime.TotalSeconds:0.0}s.");
        }
        catch
        {
            if (_maildev is null)
            {
                // maildev may have started while Azurite failed: it has to stop too.
                await Task.WhenAny(maildev);
                _maildev = maildev.IsCompletedSuccessfully ? maildev.Result : null;
            }

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

    /// <summary>
    /// The bot's configuration, as an operator gives it (environment variables): tenants A and B with their
    /// organisations, SKR's advisers recognised in SKR's tenant, Maria managing A's organisation, the demo data for it,
    /// and the SMTP server. Nothing about the stranger's tenant: that is what makes it a tenant that has not joined.
    /// </summary>
    private static Dictionary<string, string?> BotEnvironment(Azurite azurite, Maildev maildev)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Teams__OutboxPollSeconds"] = "1",
            ["Support__FollowUps__CheckSeconds"] = "1",
            ["Support__Managers__0__AadObjectId"] = People.Manager.AadObjectId,
            ["Support__Managers__0__TenantId"] = People.Manager.Tenant.Id,
            ["Support__Managers__0__Organisation"] = DemoOrganisation,
            ["Demo__Organisation"] = DemoOrganisation,
            ["Demo__Incidents"] = DemoIncidents.ToString(CultureInfo.InvariantCulture),
        };
        var onboarded = People.Tenants.Where(t => t.Organisations.Count > 0).ToList();
        for (var t = 0; t < onboarded.Count; t++)
        {
            environment[$"Support__Tenants__{t}__TenantId"] = onboarded[t].Id;
            for (var o = 0; o < onboarded[t].Organisations.Count; o++)
            {
                environment[$"Support__Tenants__{t}__Organisations__{o}"] = onboarded[t].Organisations[o];
            }
        }

        // SKR's two advisers (appsettings.json's keys "safety" and "threats-hate-violence") are people.json's advisers.
        Person[] advisers = [People.Adviser, People.SecondAdviser];
        for (var a = 0; a < advisers.Length; a++)
        {
            environment[$"Support__Advisers__{a}__Name"] = advisers[a].Name;
            environment[$"Support__Advisers__{a}__AadObjectId"] = advisers[a].AadObjectId;
            environment[$"Support__Advisers__{a}__Email"] = advisers[a].Email;
            environment[$"Support__Advisers__{a}__TenantId"] = advisers[a].Tenant.Id;
        }

        foreach (var (key, value) in maildev.BotSettings())
        {
            environment[key] = value;
        }

        return environment;
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

    /// <summary>
    /// Stops the Playground <paramref name="earlier"/> used and starts a new one for the same person on the same port
    /// (the same service URL) with chats the old one never had: what the bot stored about the person now points at a
    /// personal chat that is gone, and the connector answers a message to it with 404 ConversationNotFound, as Teams
    /// does for a chat that no longer exists. Nobody opens the new one yet: opening it would tell the bot about the new
    /// chat (installationUpdate), as opening Teams again does. <see cref="OpenAsync"/> opens it later.
    /// </summary>
    public async Task<Playground> ReplaceWithNewChatsAsync(TeamsClient earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var started = _clock.Elapsed;
        await earlier.DisposeAsync();
        await earlier.Playground.DisposeAsync();
        string suffix;
        lock (_gate)
        {
            suffix = "-fresh" + (++_freshCount).ToString(CultureInfo.InvariantCulture);
        }

        var replacing = Playground.StartAsync(Bot.MessagesEndpoint, People.PlaygroundConfigFor(earlier.Person, suffix), port: earlier.Playground.Port);
        lock (_gate)
        {
            _allPlaygrounds.Add(replacing);
        }

        var playground = await replacing;
        Report($"Playground for {earlier.Person} replaced on {playground.Port} with new chats in {(_clock.Elapsed - started).TotalSeconds:0.0}s.");
        return playground;
    }

    /// <summary>Opens a browser window on <paramref name="playground"/> as <paramref name="person"/>.</summary>
    public Task<TeamsClient> OpenAsync(Person person, Playground playground) =>
        TeamsClient.OpenAsync(Browser, person, playground, People.Bot.Name, People.GroupChat.Name, People.Team.Name, People.Team.Channel.Name);

    /// <summary>
    /// A second bot process on the same storage and configuration (another instance behind the same bot), with
    /// <paramref name="extra"/> environment variables; the caller disposes it.
    /// </summary>
    public Task<BotProcess> StartSecondBotAsync(IDictionary<string, string?> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var environment = BotEnvironment(_azurite ?? throw new InvalidOperationException("The fixture is not started."), Mail);
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return BotProcess.StartAsync(BotAssemblyPath(), environment);
    }

    /// <summary>The bot's log so far, for failure reports.</summary>
    public string BotOutput => _bot?.Output ?? "(the bot did not start)";

    public async Task DisposeAsync()
    {
        // Issue 16: after every scenario has run, each table the bot created must have a declared personal-data policy.
        // Checked before Azurite stops; reported after everything is stopped, so a failure still cleans up.
        var undeclared = _azurite is null ? [] : await TablePolicyCheck.TablesWithoutPolicyAsync(_azurite.ConnectionString);
        Report(undeclared.Count == 0 ? "Every table in Azurite has a personal-data policy." : "Tables without a personal-data policy: " + string.Join(", ", undeclared));
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        Task<Playground>[] allPlaygrounds;
        lock (_gate)
        {
            // A replacement started by a scenario that is still failing may add to the list while this loop awaits.
            allPlaygrounds = [.. _allPlaygrounds];
            _allPlaygrounds.Clear();
        }

        foreach (var starting in allPlaygrounds)
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

        lock (_gate)
        {
            _sharedPlaygrounds.Clear();
        }

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

        if (_maildev is not null)
        {
            await _maildev.DisposeAsync();
            _maildev = null;
        }

        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException("Tables without a personal-data policy (IPersonalDataTable, registered in storage/StorageServiceCollectionExtensions.cs) after the end-to-end scenarios: " + string.Join(", ", undeclared));
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

namespace SupportBot.Testing;

/// <summary>
/// Azurite's table service (npm <c>azurite</c>, installed by <c>npm ci</c>) on a free port, in memory, for one
/// test run. Stop and start it again to simulate a storage outage: the port stays the same.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's well-known development account (public, documented by Microsoft; not a secret).
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _dataFolder;
    private ChildProcess? _process;

    private Azurite(int port, string dataFolder)
    {
        Port = port;
        _dataFolder = dataFolder;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    public static async Task<Azurite> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportbot-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var azurite = new Azurite(FreePort.Next(), folder);
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts (or restarts after <see cref="StopAsync"/>) the table service on the same port.</summary>
    public async Task StartAgainAsync()
    {
        var executable = RepoPaths.NodeModulesBin("azurite-table");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("Azurite is not installed: run `npm ci` in the repository root.", executable);
        }

        _process = ChildProcess.Start(
            executable,
            ["--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             // Azurite 3.37 refuses --location together with --inMemoryPersistence; the data folder stays the working directory.
             "--inMemoryPersistence", "--disableTelemetry", "--silent"],
            _dataFolder);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), () => _process.Output);
    }

    /// <summary>Stops the table service (all in-memory data is lost, as in a real outage of an emulator).</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

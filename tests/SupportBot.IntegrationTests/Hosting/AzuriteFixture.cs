using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>
/// One Azurite for a collection of test classes, started before the first and stopped after the last. The hosting
/// tests share this one; collections that must not see others' rows (privacy, storage) derive their own type, so
/// xUnit gives each its own Azurite.
/// </summary>
public class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostingOnAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Hosting on Azurite";
}

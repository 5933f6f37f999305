using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>One Azurite for the hosting tests.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync() => Azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class HostingOnAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Hosting on Azurite";
}

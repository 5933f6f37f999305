using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Privacy;

/// <summary>
/// An Azurite of its own for the privacy tests: retention deletes whatever is old in the whole table, so it must not run
/// over other tests' data.
/// </summary>
public sealed class PrivacyAzuriteFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync() => Azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PrivacyOnAzurite : ICollectionFixture<PrivacyAzuriteFixture>
{
    public const string Name = "Privacy on Azurite";
}

using SupportBot.IntegrationTests.Hosting;

namespace SupportBot.IntegrationTests.Privacy;

/// <summary>
/// An Azurite of its own for the privacy tests: retention deletes whatever is old in the whole table, so it must not run
/// over other tests' data.
/// </summary>
public sealed class PrivacyAzuriteFixture : AzuriteFixture;

[CollectionDefinition(Name)]
public sealed class PrivacyOnAzurite : ICollectionFixture<PrivacyAzuriteFixture>
{
    public const string Name = "Privacy on Azurite";
}

using Azure.Core.Pipeline;
using Azure.Data.Tables;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Storage;

/// <summary>One Azurite for the storage tests; every test class (or test) isolates itself with its own table.</summary>
public sealed class StorageAzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>A table name no other test uses (letters and digits, 3–63 characters).</summary>
    public static string NewTableName() => "state" + Guid.NewGuid().ToString("N");

    /// <summary>A new client, as a separate bot process would have; optionally with a policy that watches its requests.</summary>
    public TableServiceClient NewServiceClient(HttpPipelinePolicy? policy = null) => NewServiceClient(ConnectionString, policy);

    public static TableServiceClient NewServiceClient(string connectionString, HttpPipelinePolicy? policy = null, int? maxRetries = null)
    {
        var options = TableClients.DefaultOptions();
        if (maxRetries is { } retries)
        {
            options.Retry.MaxRetries = retries;
        }

        if (policy is not null)
        {
            options.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
        }

        return new TableServiceClient(connectionString, options);
    }

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
public sealed class StorageOnAzurite : ICollectionFixture<StorageAzuriteFixture>
{
    public const string Name = "Storage on Azurite";
}

using Azure.Core.Pipeline;
using Azure.Data.Tables;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.IntegrationTests.Storage;

/// <summary>One Azurite for the storage tests; every test class (or test) isolates itself with its own table.</summary>
public sealed class StorageAzuriteFixture : AzuriteFixture
{
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
}

[CollectionDefinition(Name)]
public sealed class StorageOnAzurite : ICollectionFixture<StorageAzuriteFixture>
{
    public const string Name = "Storage on Azurite";
}

using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using SupportBot.Bot.Hosting;
using SupportBot.Bot.Options;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.Tests.Options;

/// <summary>Which way to Table Storage the configuration selects, and why a configuration is refused; no network.</summary>
public sealed class StorageOptionsTests
{
    private const string Azurite = "UseDevelopmentStorage=true";
    private const string AccountUri = "https://supportbotprod.table.core.windows.net/";
    private const string ClientId = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    private const string BothSet = "Storage: set either Storage:ConnectionString (Azurite) or Storage:TableServiceUri (managed identity), not both; with a URI, set Storage:ConnectionString to an empty value.";
    private const string NeitherSet = "Storage: set Storage:ConnectionString (UseDevelopmentStorage=true for Azurite) or Storage:TableServiceUri (https://<account>.table.core.windows.net/, with a managed identity).";
    private const string BadUri = "Storage:TableServiceUri must be an absolute https URI without a query, such as https://<account>.table.core.windows.net/.";
    private const string BadClientId = "Storage:ManagedIdentityClientId must be a GUID (the client id of a user-assigned managed identity).";
    private const string ClientIdWithoutUri = "Storage:ManagedIdentityClientId applies only with Storage:TableServiceUri, not with a connection string.";

    /// <summary>connection string, URI, client id → chosen kind, client id handed to the credential, error.</summary>
    public static TheoryData<string, string, string, TableConnectionKind, string?, string?> Cases() => new()
    {
        { Azurite, "", "", TableConnectionKind.ConnectionString, null, null },
        { "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;", "", "", TableConnectionKind.ConnectionString, null, null },
        { "", AccountUri, "", TableConnectionKind.DefaultAzureCredential, null, null },
        { "", "  " + AccountUri + "  ", "", TableConnectionKind.DefaultAzureCredential, null, null },
        { "", AccountUri, ClientId, TableConnectionKind.DefaultAzureCredential, ClientId, null },
        { "   ", AccountUri, "", TableConnectionKind.DefaultAzureCredential, null, null },
        { Azurite, AccountUri, "", TableConnectionKind.Invalid, null, BothSet },
        { "", "", "", TableConnectionKind.Invalid, null, NeitherSet },
        { " ", " ", "", TableConnectionKind.Invalid, null, NeitherSet },
        { "", "http://supportbotprod.table.core.windows.net/", "", TableConnectionKind.Invalid, null, BadUri },
        { "", "supportbotprod.table.core.windows.net", "", TableConnectionKind.Invalid, null, BadUri },
        { "", "not a uri", "", TableConnectionKind.Invalid, null, BadUri },
        { "", "/relative/path", "", TableConnectionKind.Invalid, null, BadUri },
        { "", "ftp://supportbotprod.table.core.windows.net/", "", TableConnectionKind.Invalid, null, BadUri },
        { "", AccountUri + "?sv=2024-01-01&sig=c2VjcmV0", "", TableConnectionKind.Invalid, null, BadUri },
        { "", "https://user:pass@supportbotprod.table.core.windows.net/", "", TableConnectionKind.Invalid, null, BadUri },
        { "", AccountUri, "not-a-guid", TableConnectionKind.Invalid, null, BadClientId },
        { Azurite, "", ClientId, TableConnectionKind.Invalid, null, ClientIdWithoutUri },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Select_Configuration_ChoosesKindOrExplainsInOneLine(string connectionString, string uri, string clientId, TableConnectionKind kind, string? expectedClientId, string? error)
    {
        var options = new StorageOptions { ConnectionString = connectionString, TableServiceUri = uri, ManagedIdentityClientId = clientId };

        var chosen = TableClients.Select(options);
        var validation = new StorageOptionsValidator().Validate(null, options);

        Assert.Equal(kind, chosen.Kind);
        Assert.Equal(expectedClientId, chosen.ManagedIdentityClientId);
        Assert.Equal(error, chosen.Error);
        Assert.Equal(error is null, validation.Succeeded);
        if (error is not null)
        {
            Assert.Equal(error, validation.FailureMessage);
            Assert.DoesNotContain('\n', error);
        }
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0a2V5;EndpointSuffix=core.windows.net", "https://supportbotprod.table.core.windows.net/?sig=c2VjcmV0a2V5")]
    [InlineData("", "https://supportbotprod.table.core.windows.net/?sig=c2VjcmV0a2V5")]
    public void Select_RefusedConfiguration_NeverRepeatsSecrets(string connectionString, string uri)
    {
        var chosen = TableClients.Select(new StorageOptions { ConnectionString = connectionString, TableServiceUri = uri });

        Assert.Equal(TableConnectionKind.Invalid, chosen.Kind);
        Assert.DoesNotContain("c2VjcmV0a2V5", chosen.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TableServiceUri_BuildsIdentityClientForThatAccountWithoutNetwork()
    {
        var client = TableClients.Create(new StorageOptions { TableServiceUri = AccountUri, ManagedIdentityClientId = ClientId });

        Assert.Equal(new Uri(AccountUri), client.Uri);
        Assert.Equal("supportbotprod", client.AccountName);
    }

    [Fact]
    public void Create_ConnectionString_BuildsClientForAzurite()
    {
        var client = TableClients.Create(new StorageOptions { ConnectionString = Azurite });

        Assert.Equal("devstoreaccount1", client.AccountName);
    }

    [Fact]
    public void Create_InvalidConfiguration_ThrowsWithTheReason()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TableClients.Create(new StorageOptions()));

        Assert.Equal(NeitherSet, ex.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(ClientId, ClientId)]
    public void CredentialOptions_UserAssignedIdentity_IsPassedToDefaultAzureCredential(string? clientId, string? expected)
    {
        var connection = new TableConnection(TableConnectionKind.DefaultAzureCredential) { ServiceUri = new Uri(AccountUri), ManagedIdentityClientId = clientId };

        var options = TableClients.CredentialOptions(connection);

        // Without our value, DefaultAzureCredential falls back to AZURE_CLIENT_ID from the environment.
        Assert.Equal(expected ?? Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"), options.ManagedIdentityClientId);
        Assert.IsType<DefaultAzureCredential>(TableClients.Credential(connection));
    }

    [Theory]
    [InlineData(Azurite, "", null)]
    [InlineData("", AccountUri, null)]
    [InlineData(Azurite, AccountUri, BothSet)]
    [InlineData("", "", NeitherSet)]
    [InlineData("", "http://insecure.example/", BadUri)]
    public void AddSupportBotOptions_StorageConfiguration_FailsAtStartWithOneLineReason(string connectionString, string uri, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:TableServiceUri"] = uri,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(new Mock<IHostEnvironment>().Object);
        using var provider = services.AddSupportBotOptions(configuration).BuildServiceProvider();

        StorageOptions Read() => provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        if (expected is null)
        {
            Assert.NotNull(Read());
        }
        else
        {
            var ex = Assert.Throws<OptionsValidationException>(Read);
            Assert.Equal(expected, Assert.Single(ex.Failures));
        }
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("https://stauditx.table.core.windows.net/", true)]
    [InlineData("http://stauditx.table.core.windows.net/", false)]
    [InlineData("https://stauditx.table.core.windows.net/?sv=2024&sig=secret", false)]
    [InlineData("not a uri", false)]
    public void Validate_AuditTableServiceUri_EmptyOrHttpsWithoutQuery(string uri, bool valid)
    {
        var options = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", AuditTableServiceUri = uri };
        var result = new StorageOptionsValidator().Validate(null, options);
        Assert.Equal(valid, result.Succeeded);
        Assert.DoesNotContain("secret", result.FailureMessage ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditRepositoryCreate_WithOrWithoutAuditUri_BuildsWithoutTouchingTheNetwork()
    {
        var shared = SupportBot.Storage.Tables.TableClients.FromConnectionString("UseDevelopmentStorage=true");
        var own = SupportBot.Storage.AuditEvents.AuditRepository.Create(new StorageOptions { AuditTableServiceUri = "https://stauditx.table.core.windows.net/" }, shared);
        var next = SupportBot.Storage.AuditEvents.AuditRepository.Create(new StorageOptions(), shared);
        Assert.NotNull(own);
        Assert.NotNull(next);
    }
}

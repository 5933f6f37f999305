using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace SupportBot.Storage.Tables;

/// <summary>How the bot reaches Table Storage: a connection string (Azurite) or its managed identity (Azure).</summary>
public enum TableConnectionKind
{
    /// <summary>The configuration is not usable; <see cref="TableConnection.Error"/> says why.</summary>
    Invalid,
    ConnectionString,
    DefaultAzureCredential,
}

/// <summary>The choice made from <see cref="StorageOptions"/>, before anything touches the network.</summary>
public sealed record TableConnection(TableConnectionKind Kind, string? Error = null)
{
    public string ConnectionString { get; init; } = string.Empty;

    public Uri? ServiceUri { get; init; }

    /// <summary>A user-assigned identity's client id; null lets DefaultAzureCredential decide (AZURE_CLIENT_ID, else system-assigned).</summary>
    public string? ManagedIdentityClientId { get; init; }
}

/// <summary>Creates the one <see cref="TableServiceClient"/> the process shares.</summary>
public static class TableClients
{
    /// <summary>
    /// Short retries: a turn must answer within Teams' 10–15 s, so a storage outage should surface as a
    /// clear message in seconds rather than after the SDK's default back-off.
    /// </summary>
    public static TableClientOptions DefaultOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    /// <param name="options">The client's options (<see cref="DefaultOptions"/> when none), policies added by the caller included.</param>
    public static TableServiceClient FromConnectionString(string connectionString, TableClientOptions? options = null)
    {
        options ??= DefaultOptions();
        if (!SharedKeyLiteSigner.TryParse(connectionString, out var account, out var key, out var endpoint) || !endpoint.IsLoopback)
        {
            return new TableServiceClient(connectionString, options);
        }

        // Azurite: the same endpoint, signed by our signer on every request and retry (see why there). The SDK builds a
        // client without a credential of its own only for an endpoint with a query, which it then adds to every
        // request: the Table service's documented server timeout (30 s, above the client's own 10 s) is that query.
        options.AddPolicy(new SharedKeyLiteSigner(account, key), HttpPipelinePosition.PerRetry);
        return new TableServiceClient(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "?timeout=30"), options);
    }

    /// <summary>
    /// Exactly one of a connection string and a table service URI. Errors are one line and never repeat the values
    /// (a connection string holds an account key; a URI could carry a SAS token).
    /// </summary>
    public static TableConnection Select(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.ConnectionString?.Trim() ?? string.Empty;
        var uriText = options.TableServiceUri?.Trim() ?? string.Empty;
        var clientId = options.ManagedIdentityClientId?.Trim() ?? string.Empty;
        if (connectionString.Length > 0 && uriText.Length > 0)
        {
            return Invalid("Storage: set either Storage:ConnectionString (Azurite) or Storage:TableServiceUri (managed identity), not both; with a URI, set Storage:ConnectionString to an empty value.");
        }

        if (connectionString.Length == 0 && uriText.Length == 0)
        {
            return Invalid("Storage: set Storage:ConnectionString (UseDevelopmentStorage=true for Azurite) or Storage:TableServiceUri (https://<account>.table.core.windows.net/, with a managed identity).");
        }

        if (clientId.Length > 0 && !Guid.TryParse(clientId, out _))
        {
            return Invalid("Storage:ManagedIdentityClientId must be a GUID (the client id of a user-assigned managed identity).");
        }

        if (connectionString.Length > 0)
        {
            return clientId.Length > 0
                ? Invalid("Storage:ManagedIdentityClientId applies only with Storage:TableServiceUri, not with a connection string.")
                : new TableConnection(TableConnectionKind.ConnectionString) { ConnectionString = connectionString };
        }

        // Identity-based access only: https (tokens never travel in clear), no query (no SAS), no user info.
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || uri.Query.Length > 0 || uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return Invalid("Storage:TableServiceUri must be an absolute https URI without a query, such as https://<account>.table.core.windows.net/.");
        }

        return new TableConnection(TableConnectionKind.DefaultAzureCredential)
        {
            ServiceUri = uri,
            ManagedIdentityClientId = clientId.Length > 0 ? clientId : null,
        };
    }

    /// <summary>The client for a valid choice, with the same retry options either way.</summary>
    public static TableServiceClient Create(TableConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Kind switch
        {
            TableConnectionKind.ConnectionString => FromConnectionString(connection.ConnectionString),
            TableConnectionKind.DefaultAzureCredential => new TableServiceClient(connection.ServiceUri, Credential(connection), DefaultOptions()),
            _ => throw new InvalidOperationException(connection.Error ?? "The storage configuration is not valid."),
        };
    }

    public static TableServiceClient Create(StorageOptions options) => Create(Select(options));

    /// <summary>DefaultAzureCredential: the managed identity in Azure, a developer's Azure CLI sign-in on a workstation.</summary>
    internal static TokenCredential Credential(TableConnection connection) => new DefaultAzureCredential(CredentialOptions(connection));

    internal static DefaultAzureCredentialOptions CredentialOptions(TableConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var options = new DefaultAzureCredentialOptions();
        if (connection.ManagedIdentityClientId is { } clientId)
        {
            options.ManagedIdentityClientId = clientId;
        }

        return options;
    }

    private static TableConnection Invalid(string error) => new(TableConnectionKind.Invalid, error);
}

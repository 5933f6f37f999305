using Microsoft.Extensions.Options;

namespace SupportBot.Storage.Tables;

/// <summary>
/// Exactly one way to reach Table Storage. The messages never repeat the configured values: a connection string
/// holds an account key, and a URI could carry a SAS token.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (TableClients.Select(options) is { Error: { } error })
        {
            return ValidateOptionsResult.Fail(error);
        }

        var audit = options.AuditTableServiceUri?.Trim() ?? string.Empty;
        return audit.Length == 0 || (Uri.TryCreate(audit, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Query.Length == 0 && uri.UserInfo.Length == 0)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Storage:AuditTableServiceUri must be empty or an absolute https URI without a query, such as https://<audit account>.table.core.windows.net/.");
    }
}

using Microsoft.Extensions.Options;
using SupportBot.Bot.Storage;

namespace SupportBot.Bot.Options;

/// <summary>
/// Exactly one way to reach Table Storage. The messages never repeat the configured values: a connection string
/// holds an account key, and a URI could carry a SAS token.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TableClients.Select(options) is { Error: { } error }
            ? ValidateOptionsResult.Fail(error)
            : ValidateOptionsResult.Success;
    }
}

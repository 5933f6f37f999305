using Azure.Core;
using Azure.Data.Tables;

namespace SupportBot.Bot.Storage;

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

    public static TableServiceClient FromConnectionString(string connectionString) =>
        new(connectionString, DefaultOptions());
}

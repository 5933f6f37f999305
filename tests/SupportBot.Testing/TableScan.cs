using Azure.Data.Tables;

namespace SupportBot.Testing;

/// <summary>
/// Reads every table of a storage account (Azurite in the tests), for assertions on what the bot stored or did not
/// store: which entities mention a value anywhere (keys or any property), and how many entities a partition holds.
/// </summary>
public static class TableScan
{
    /// <summary>
    /// Every entity, in every table, whose partition key, row key or any property value contains one of
    /// <paramref name="needles"/> (ordinal, ignoring case), described as "Table PartitionKey/RowKey: Property".
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindMentionsAsync(string connectionString, IEnumerable<string> needles, CancellationToken cancellationToken = default)
    {
        var wanted = needles.Where(n => !string.IsNullOrEmpty(n)).ToList();
        var service = new TableServiceClient(connectionString);
        var found = new List<string>();
        await foreach (var table in service.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var client = service.GetTableClient(table.Name);
            await foreach (var entity in client.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var (property, value) in entity)
                {
                    var text = value switch
                    {
                        null => null,
                        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                    };
                    if (text is not null && wanted.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add($"{table.Name} {entity.PartitionKey}/{entity.RowKey}: {property}");
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The names of all tables (to show that a scan had something to look at).</summary>
    public static async Task<IReadOnlyList<string>> TableNamesAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var table in new TableServiceClient(connectionString).QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(table.Name);
        }

        return names;
    }

    /// <summary>How many entities <paramref name="table"/> holds in <paramref name="partitionKey"/> (0 when the table does not exist).</summary>
    public static async Task<int> CountAsync(string connectionString, string table, string partitionKey, CancellationToken cancellationToken = default)
    {
        var client = new TableServiceClient(connectionString).GetTableClient(table);
        var count = 0;
        try
        {
            await foreach (var _ in client.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }

        return count;
    }
}

using Azure;
using Azure.Data.Tables;

namespace SupportBot.Storage.Tables;

/// <summary>The four properties every Table Storage row has; each table's entity derives from it and names only its own columns.</summary>
public abstract class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }
}

using Azure;
using Azure.Data.Tables;

namespace SupportBot.Storage.CaseCounters;

/// <summary>The next free case number of one year (<c>CaseCounters</c> table), advanced with ETags.</summary>
public sealed class CaseCounterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Next { get; set; }
}

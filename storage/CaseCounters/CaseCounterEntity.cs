using SupportBot.Storage.Tables;

namespace SupportBot.Storage.CaseCounters;

/// <summary>The next free case number of one year (<c>CaseCounters</c> table), advanced with ETags.</summary>
public sealed class CaseCounterEntity : TableRow
{
    public int Next { get; set; }
}

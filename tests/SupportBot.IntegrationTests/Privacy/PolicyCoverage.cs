using Azure.Data.Tables;

namespace SupportBot.IntegrationTests.Privacy;

/// <summary>The tables a storage account really holds that no registered <c>IPersonalDataTable</c> declares.</summary>
public static class PolicyCoverage
{
    public static async Task<IReadOnlyList<string>> TablesWithoutPolicyAsync(TableServiceClient tables, IEnumerable<string> declared)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var known = declared.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        await foreach (var table in tables.QueryAsync())
        {
            if (!known.Contains(table.Name))
            {
                missing.Add(table.Name);
            }
        }

        return missing;
    }
}

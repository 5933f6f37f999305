using Azure.Data.Tables;
using SupportBot.Storage;

namespace SupportBot.EndToEndTests.Harness;

/// <summary>
/// The real list of tables (what Azurite holds after the scenarios ran) against the tables the storage layer declares a
/// personal-data policy for (<c>IPersonalDataTable</c>): erasure and retention are loops over those declarations, so a
/// table without one would be forgotten by both.
/// </summary>
internal static class TablePolicyCheck
{
    public static async Task<IReadOnlyList<string>> TablesWithoutPolicyAsync(string connectionString)
    {
        var tables = new TableServiceClient(connectionString);
        var declared = StorageServiceCollectionExtensions.PersonalDataTables(tables).Select(t => t.TableName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        await foreach (var table in tables.QueryAsync())
        {
            if (!declared.Contains(table.Name))
            {
                missing.Add(table.Name);
            }
        }

        return missing;
    }
}

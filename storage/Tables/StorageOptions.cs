using System.ComponentModel.DataAnnotations;

namespace SupportBot.Storage.Tables;

/// <summary>
/// Where state and records live: Azure Table Storage. Exactly one of <see cref="ConnectionString"/> (Azurite locally
/// and in tests) and <see cref="TableServiceUri"/> (Azure, by managed identity: no storage keys in app settings).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string; <c>UseDevelopmentStorage=true</c> means Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The table endpoint, e.g. <c>https://account.table.core.windows.net/</c>; the bot signs in with <c>DefaultAzureCredential</c>.</summary>
    public string TableServiceUri { get; set; } = string.Empty;

    /// <summary>The client id of a user-assigned managed identity (optional; else <c>AZURE_CLIENT_ID</c> or the system-assigned identity).</summary>
    public string ManagedIdentityClientId { get; set; } = string.Empty;

    /// <summary>
    /// The audit's own table endpoint (a separate account where the app's identity may only insert and read; the table
    /// exists beforehand). Empty: the audit is a table next to the others (Azurite, tests).
    /// </summary>
    public string AuditTableServiceUri { get; set; } = string.Empty;

    /// <summary>The table that holds bot state (conversation and user state).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Storage:StateTableName must be a valid Table Storage name (a letter, then 2–62 letters or digits).")]
    public string StateTableName { get; set; } = "BotState";
}

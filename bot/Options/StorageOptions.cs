using System.ComponentModel.DataAnnotations;

namespace SupportBot.Bot.Options;

/// <summary>Where state and records live: Azure Table Storage (Azurite locally).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string; <c>UseDevelopmentStorage=true</c> means Azurite on its default ports.</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The table that holds bot state (conversation and user state).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Storage:StateTableName must be a valid Table Storage name (a letter, then 2–62 letters or digits).")]
    public string StateTableName { get; set; } = "BotState";
}

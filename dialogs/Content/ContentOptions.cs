using System.ComponentModel.DataAnnotations;

namespace SupportBot.Dialogs.Content;

/// <summary>The <c>Content</c> section: how old a review may be, how fast digests go out, and an override directory for tests.</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>The staleness test fails for items reviewed longer ago than this.</summary>
    [Range(1, 120)]
    public int MaxReviewAgeMonths { get; set; } = 12;

    /// <summary>
    /// Digests sent per second at most. Teams allows 7 per second per conversation and each digest goes to its own
    /// conversation, so this stays well under any limit; 429s are retried anyway.
    /// </summary>
    [Range(1, 7)]
    public int DigestsPerSecond { get; set; } = 4;

    /// <summary>Content files that replace the embedded ones (end-to-end tests only; empty in production).</summary>
    public string? OverrideDirectory { get; set; }
}

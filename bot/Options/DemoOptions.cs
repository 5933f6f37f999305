using System.ComponentModel.DataAnnotations;

namespace SupportBot.Bot.Options;

/// <summary>
/// Synthetic incidents for a demo organisation, so that a newcomer sees a real overview on the first run
/// (<c>./scripts/run.sh</c> turns it on). Off when <see cref="Organisation"/> is empty; never in Production.
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>The SCB code of the organisation to seed (one of an onboarded tenant's, e.g. 0380); empty = no demo data.</summary>
    public string Organisation { get; set; } = string.Empty;

    /// <summary>How many incidents to create, spread over <see cref="Months"/> months up to today.</summary>
    [Range(1, 500)]
    public int Incidents { get; set; } = 36;

    [Range(1, 12)]
    public int Months { get; set; } = 6;
}

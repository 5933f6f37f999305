namespace SupportBot.Dialogs.Escalation;

/// <summary>
/// The adviser keys routing may name. They are the stable keys of the configured advisers (<c>Support:Advisers</c>);
/// names, titles and contact details stay in configuration.
/// </summary>
public static class AdviserKeys
{
    /// <summary>The safety and security adviser (Greta Berg in SKL's letter).</summary>
    public const string Safety = "safety";

    /// <summary>The project manager for threats, hate and violence against elected officials (Anna Lena Pogulis in SKL's letter).</summary>
    public const string ThreatsHateViolence = "threats-hate-violence";

    public static IReadOnlyList<string> All { get; } = [Safety, ThreatsHateViolence];

    public static bool IsKnown(string? key) => key is not null && All.Contains(key, StringComparer.Ordinal);
}

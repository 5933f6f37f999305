using SupportBot.Dialogs.Engine;

namespace SupportBot.Dialogs.Escalation;

/// <summary>How a card states the routing (<c>cardLine</c> in <c>routing.json</c>); {primary}, {backup} and {reason} are filled in.</summary>
public sealed class RoutingCardLines
{
    public const string PrimaryPlaceholder = "{primary}";
    public const string BackupPlaceholder = "{backup}";
    public const string ReasonPlaceholder = "{reason}";

    /// <summary>Only the routed adviser.</summary>
    public required LocalizedText PrimaryOnly { get; init; }

    /// <summary>The routed adviser, with the other as backup (AKUT, HÖG).</summary>
    public required LocalizedText WithBackup { get; init; }

    /// <summary>Both advisers at once (unclear case).</summary>
    public required LocalizedText Both { get; init; }
}

namespace SupportBot.Dialogs.Localization;

/// <summary>Fills <c>{name}</c> placeholders in texts from the content files (one place for every card builder).</summary>
public static class TextFormat
{
    public static string Format(string text, params (string Key, string Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (key, value) in args)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    public static string Format(string text, IReadOnlyDictionary<string, string>? args) =>
        Format(text, (args ?? new Dictionary<string, string>()).Select(a => (a.Key, a.Value)).ToArray());
}

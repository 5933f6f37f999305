using System.Globalization;
using System.Text.Json.Nodes;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Commands;

/// <summary>
/// Maps what a user typed to a command id, using the keywords in the content files. Both languages'
/// keywords work whatever the user's language, so "help" works for a Swedish user too.
/// </summary>
public sealed class CommandRecognizer
{
    private readonly Dictionary<string, string> _byKeyword;
    private readonly Dictionary<string, UserLanguage> _greetings = new(StringComparer.OrdinalIgnoreCase);

    public CommandRecognizer(TextCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _byKeyword = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in Enum.GetValues<UserLanguage>())
        {
            foreach (var command in catalog.Root(language)["commands"]!.AsArray().OfType<JsonObject>())
            {
                var id = command["id"]!.GetValue<string>();
                _byKeyword[Normalize(command["keyword"]!.GetValue<string>())] = id;

                // Other ways to say it ("glöm mig"), recognised but not shown in the help.
                foreach (var alias in command["aliases"]?.AsArray() ?? [])
                {
                    _byKeyword[Normalize(alias!.GetValue<string>())] = id;
                }
            }

            foreach (var word in catalog.Root(language)["greeting"]?["words"]?.AsArray() ?? [])
            {
                _greetings[Normalize(word!.GetValue<string>())] = language;
            }
        }
    }

    /// <summary>The command id for <paramref name="text"/>, or null when it is not a command.</summary>
    public string? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return _byKeyword.TryGetValue(Normalize(text), out var id) ? id : null;
    }

    /// <summary>
    /// The language of a greeting ("hej", "hallå", "hello", "hi"), also followed by a name ("hej SupportBot"), or null
    /// when <paramref name="text"/> is not a greeting. Longer texts are questions, not greetings.
    /// </summary>
    public UserLanguage? Greeting(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 3)
        {
            return null;
        }

        foreach (var take in new[] { 2, 1 })
        {
            if (words.Length >= take && _greetings.TryGetValue(string.Join(' ', words.Take(take)).TrimEnd(',', '!'), out var language))
            {
                return language;
            }
        }

        return null;
    }

    /// <summary>
    /// Trims, lower-cases and drops trailing punctuation, so "Hjälp!" and " help " match; control characters, invisible
    /// format characters and emoji around the words go too ("🙏 help 🙏").
    /// </summary>
    internal static string Normalize(string text) =>
        TrimNoise(text).TrimEnd('!', '?', '.', ',').Trim().ToLower(CultureInfo.InvariantCulture).Normalize();

    private static string TrimNoise(string text)
    {
        static bool IsNoise(char c) => char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherSymbol or UnicodeCategory.PrivateUse;
        var start = 0;
        var end = text.Length;
        while (start < end && IsNoise(text[start]))
        {
            start++;
        }

        while (end > start && IsNoise(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }
}

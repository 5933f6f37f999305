using System.Text.Json.Nodes;
using SupportBot.Dialogs.Commands;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Engine;

/// <summary>Words that steer a dialog at any point ("akut", "avbryt", "tillbaka", ...) and yes/no words, in both languages.</summary>
public sealed class DialogVocabulary
{
    private readonly Dictionary<string, DialogCommand> _commands = new(StringComparer.Ordinal);
    private readonly HashSet<string> _yes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _no = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skip = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    public DialogVocabulary(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var language in Enum.GetValues<UserLanguage>())
        {
            var words = texts.Root(language)["dialog"]!["words"]!.AsObject();
            foreach (var command in Enum.GetValues<DialogCommand>().Where(c => c != DialogCommand.None))
            {
                foreach (var word in Words(words, CommandKey(command)))
                {
                    _commands[word] = command;
                }
            }

            _yes.UnionWith(Words(words, "yes"));
            _no.UnionWith(Words(words, "no"));
            _skip.UnionWith(Words(words, "skip"));

            // The yes and no words people actually type ("jo", "japp", "nä", "nej tack", "nope"), and numbers as words.
            if (texts.Root(language)["input"] is JsonObject input)
            {
                _yes.UnionWith(Words(input, "yes"));
                _no.UnionWith(Words(input, "no"));
                foreach (var (word, index) in Words(input, "numbers").Select((w, i) => (w, i)))
                {
                    _numbers[word] = index + 1;
                }
            }
        }
    }

    public DialogCommand CommandFor(string? text) =>
        text is not null && _commands.TryGetValue(CommandRecognizer.Normalize(text), out var command) ? command : DialogCommand.None;

    /// <summary>Whether any word of <paramref name="text"/> is an emergency word ("akut", "112", "fara"...), wherever it stands.</summary>
    public bool MentionsEmergency(string? text) =>
        text is not null && text.Split([' ', ',', '.', '!', '?', ':', ';', '\n', '\t', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries)
            .Any(word => _commands.TryGetValue(CommandRecognizer.Normalize(word), out var command) && command == DialogCommand.Emergency);

    public bool IsYes(string normalized) => _yes.Contains(normalized);

    public bool IsNo(string normalized) => _no.Contains(normalized);

    public bool IsSkip(string normalized) => _skip.Contains(normalized);

    /// <summary>"två" or "three" as a number; null for anything else.</summary>
    public int? NumberWord(string normalized) => _numbers.TryGetValue(normalized, out var number) ? number : null;

    public static string CommandKey(DialogCommand command) => command switch
    {
        DialogCommand.Emergency => "emergency",
        DialogCommand.Cancel => "cancel",
        DialogCommand.Restart => "restart",
        DialogCommand.Help => "help",
        DialogCommand.Back => "back",
        DialogCommand.Continue => "continue",
        DialogCommand.End => "end",
        _ => "none",
    };

    public static DialogCommand ParseCommandKey(string? key) =>
        Enum.GetValues<DialogCommand>().FirstOrDefault(c => c != DialogCommand.None && CommandKey(c) == key);

    private static IEnumerable<string> Words(JsonObject words, string key) =>
        words[key]?.AsArray().Select(w => CommandRecognizer.Normalize(w!.GetValue<string>())) ?? [];
}

public enum DialogCommand
{
    None,
    Emergency,
    Cancel,
    Restart,
    Help,
    Back,
    Continue,
    End,
}

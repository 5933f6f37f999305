using System.Globalization;
using System.Text;
using SupportBot.Dialogs.Commands;

namespace SupportBot.Dialogs.Engine;

/// <summary>The outcome of reading one answer: a value to store, or the text key that says what was wrong.</summary>
public sealed record ParsedAnswer(string? Value, string? ErrorKey, IReadOnlyDictionary<string, string>? ErrorArgs = null)
{
    public bool IsValid => ErrorKey is null;

    public static ParsedAnswer Ok(string value) => new(value, null);

    public static ParsedAnswer Error(string key, IReadOnlyDictionary<string, string>? args = null) => new(null, key, args);
}

/// <summary>Reads answers by kind of question: typed (numbers, labels, keywords, dates) or clicked on a card.</summary>
public sealed class AnswerParser(DialogVocabulary vocabulary)
{
    public const string DatePrefix = "date:";

    public ParsedAnswer Parse(StepDefinition step, UserInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(input);
        var raw = input.IsCardSubmit ? input.Value : input.Text;
        return step.Kind switch
        {
            StepKind.Choice => ParseChoice(step, raw, input.IsCardSubmit),
            StepKind.YesNo => ParseYesNo(raw),
            StepKind.MultiChoice => ParseMultiChoice(step, raw),
            StepKind.When => ParseWhen(step, raw, input.IsCardSubmit, today),
            StepKind.Text => ParseText(step, raw),
            _ => ParsedAnswer.Error("dialog.errors.choice"),
        };
    }

    private ParsedAnswer ParseChoice(StepDefinition step, string? raw, bool fromCard)
    {
        var choice = fromCard
            ? step.Choices.FirstOrDefault(c => c.Id == raw)
            : MatchChoice(step, raw, vocabulary) ?? YesOrNoChoice(step, raw);
        return choice is null ? ParsedAnswer.Error("dialog.errors.choice") : ParsedAnswer.Ok(choice.Id);
    }

    /// <summary>
    /// A yes/no question with a third answer ("Vet inte") is a choice, but "jo", "japp", "nä" and "nope" still mean its
    /// "yes" and "no" choices, as they do for a plain yes/no question.
    /// </summary>
    private ChoiceDefinition? YesOrNoChoice(StepDefinition step, string? raw)
    {
        var text = CommandRecognizer.Normalize(raw ?? string.Empty);
        var id = vocabulary.IsYes(text) ? "yes" : vocabulary.IsNo(text) ? "no" : null;
        return id is null ? null : step.Choices.FirstOrDefault(c => c.Id == id);
    }

    private ParsedAnswer ParseYesNo(string? raw)
    {
        var text = CommandRecognizer.Normalize(raw ?? string.Empty);
        if (text == "yes" || text == "1" || vocabulary.IsYes(text))
        {
            return ParsedAnswer.Ok("yes");
        }

        return text == "no" || text == "2" || vocabulary.IsNo(text)
            ? ParsedAnswer.Ok("no")
            : ParsedAnswer.Error("dialog.errors.yesNo");
    }

    private ParsedAnswer ParseMultiChoice(StepDefinition step, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return ParsedAnswer.Error("dialog.errors.multi");
        }

        var parts = raw.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).All(p => p.All(char.IsAsciiDigit)))
        {
            parts = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        var chosen = new List<ChoiceDefinition>();
        foreach (var part in parts)
        {
            var choice = step.Choices.FirstOrDefault(c => c.Id == part) ?? MatchChoice(step, part, vocabulary);
            if (choice is null)
            {
                return ParsedAnswer.Error("dialog.errors.multi");
            }

            if (!chosen.Contains(choice))
            {
                chosen.Add(choice);
            }
        }

        if (chosen.Count > 1 && chosen.Any(c => c.Exclusive))
        {
            return ParsedAnswer.Error("dialog.errors.exclusive");
        }

        // Stored in the flow's order, whatever order they were typed in.
        return ParsedAnswer.Ok(string.Join(',', step.Choices.Where(chosen.Contains).Select(c => c.Id)));
    }

    private ParsedAnswer ParseWhen(StepDefinition step, string? raw, bool fromCard, DateOnly today)
    {
        var choice = fromCard ? step.Choices.FirstOrDefault(c => c.Id == raw) : MatchChoice(step, raw, vocabulary);
        if (choice is not null)
        {
            return ParsedAnswer.Ok(choice.Id);
        }

        if (!TryParseDate(raw, today, out var date))
        {
            return ParsedAnswer.Error("dialog.errors.date");
        }

        if (date > today)
        {
            return ParsedAnswer.Error("dialog.errors.futureDate");
        }

        return date < today.AddYears(-5)
            ? ParsedAnswer.Error("dialog.errors.oldDate")
            : ParsedAnswer.Ok(DatePrefix + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private ParsedAnswer ParseText(StepDefinition step, string? raw)
    {
        var text = StripInvisible(raw ?? string.Empty).Trim();
        if (text.Length == 0 || vocabulary.IsSkip(CommandRecognizer.Normalize(text)))
        {
            return step.Optional ? ParsedAnswer.Ok(string.Empty) : ParsedAnswer.Error("dialog.errors.required");
        }

        if (text.Length > step.MaxLength)
        {
            return ParsedAnswer.Error("dialog.errors.tooLong", new Dictionary<string, string>
            {
                ["max"] = step.MaxLength.ToString(CultureInfo.InvariantCulture),
                ["length"] = text.Length.ToString(CultureInfo.InvariantCulture),
            });
        }

        return ParsedAnswer.Ok(text);
    }

    /// <summary>
    /// A choice by its number (1-based, also "2.", "två", "three"), its label in either language, its id or one of its
    /// keywords; failing that, the one choice whose label or keyword is within a few typos of the text (see
    /// <see cref="AllowedTypos"/>). Two choices equally close match neither.
    /// </summary>
    internal static ChoiceDefinition? MatchChoice(StepDefinition step, string? raw, DialogVocabulary? vocabulary = null)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = CommandRecognizer.Normalize(raw);
        var numberWord = vocabulary?.NumberWord(text);
        if (numberWord is not null || int.TryParse(text.TrimEnd('.', ')'), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            var number = numberWord ?? int.Parse(text.TrimEnd('.', ')'), NumberStyles.None, CultureInfo.InvariantCulture);
            return number >= 1 && number <= step.Choices.Count ? step.Choices[number - 1] : null;
        }

        var exact = step.Choices.FirstOrDefault(c => c.Id == text || Names(c).Contains(text));
        if (exact is not null)
        {
            return exact;
        }

        var closest = step.Choices
            .Select(c => (Choice: c, Distance: Names(c).Select(n => (Allowed: AllowedTypos(n.Length >= text.Length ? n : text), Name: n)).Select(x => (x.Allowed, Distance: EditDistance.Distance(text, x.Name, x.Allowed))).Where(x => x.Distance <= x.Allowed).Select(x => x.Distance).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(x => x.Distance != int.MaxValue)
            .OrderBy(x => x.Distance)
            .ToList();
        return closest.Count == 0 || (closest.Count > 1 && closest[1].Distance == closest[0].Distance) ? null : closest[0].Choice;
    }

    /// <summary>
    /// How many typos a word may have and still match, by the longer of what was typed and the choice's word: none up to
    /// four letters ("hot" is not "hat"), one up to eight ("igåår"), two from nine ("säkerhetsansvarg").
    /// </summary>
    internal static int AllowedTypos(string name) => name.Length <= 4 ? 0 : name.Length <= 8 ? 1 : 2;

    private static IEnumerable<string> Names(ChoiceDefinition choice) =>
        new[] { choice.Label.Sv, choice.Label.En }.Concat(choice.Keywords).Select(CommandRecognizer.Normalize);

    private static bool TryParseDate(string? raw, DateOnly today, out DateOnly date)
    {
        date = default;
        var text = (raw ?? string.Empty).Trim();
        string[] fullFormats = ["yyyy-MM-dd", "yyyy-M-d", "d/M/yyyy", "d.M.yyyy", "d/M yyyy"];
        if (DateOnly.TryParseExact(text, fullFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        // "20/11" or "20.11": this year, as people write it in Sweden.
        if (DateOnly.TryParseExact(text, ["d/M", "d.M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dayMonth))
        {
            date = new DateOnly(today.Year, dayMonth.Month, dayMonth.Day);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Drops control characters (but not line breaks) and invisible format characters (zero-width, byte order mark,
    /// bidirectional overrides): stored text then looks the way it is stored, and "Kom&#x200B;mun" is the same organisation
    /// (the same partition key) as "Kommun".
    /// </summary>
    private static string StripInvisible(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ((!char.IsControl(c) || c == '\n') && char.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

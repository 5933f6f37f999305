using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportBot.Cards;

/// <summary>
/// Makes user-supplied text inert before it is shown on a card — the one place free text reaches a card. In order:
/// control, invisible and bidirectional-override characters go (so text cannot reorder what is shown or hide a
/// character inside an address); addresses are defanged (<see cref="Defang"/>) so Teams does not turn them into
/// links; and markdown characters are backslash-escaped, since TextBlocks render a subset of markdown (brackets,
/// emphasis and list markers would otherwise turn a typed answer into a link or heading).
/// </summary>
public static partial class CardText
{
    /// <summary>Longest organisation name shown on a card (longer ones end with "…"; the stored name is whole).</summary>
    public const int OrganisationDisplayLength = 80;

    /// <summary>Longest person name shown on a card.</summary>
    public const int NameDisplayLength = 60;

    public static string Escape(string? text) => Escape(text, int.MaxValue);

    /// <summary>As <see cref="Escape(string?)"/>, cut to <paramref name="maxLength"/> text elements first (never inside a surrogate pair or an emoji).</summary>
    public static string Escape(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var visible = Clip(RemoveInvisible(text), maxLength);
        var defanged = Defang(visible);
        var sb = new StringBuilder(defanged.Length + 8);
        foreach (var c in defanged)
        {
            if (c is '\\' or '[' or ']' or '(' or ')' or '*' or '_' or '#' or '`' or '>' or '<' or '~' or '|' or '!' or '-' or '+')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Shows addresses without letting Teams link them (chosen because the result stays readable aloud and to copy by hand):
    /// <list type="bullet">
    /// <item>a scheme <c>http(s)://</c> becomes <c>hxxp(s)://</c>, any other <c>://</c> becomes <c>[://]</c>;</item>
    /// <item>a dot between a letter or digit and a letter becomes <c>[.]</c> (<c>example[.]com</c>, also <c>www[.]x[.]se</c>
    ///   and file names such as <c>fdp[.]exe</c>; "t.ex" reads "t[.]ex", the price of catching every new top-level domain);</item>
    /// <item>the dots of an IPv4 address become <c>[.]</c>;</item>
    /// <item>an <c>@</c> between address characters becomes <c>[at]</c> (<c>namn[at]example[.]se</c>);</item>
    /// <item>a phone number (starting with + or 0, 7–15 digits, spaces or dashes between) is shown with a space between
    ///   every digit (<c>+4 6 7 0 1 2 3 4 5 6 7</c>), which phone-number detection does not take for a number.</item>
    /// </list>
    /// Zero-width characters are never used: they are invisible traps when copied, and are removed from input anyway.
    /// </summary>
    public static string Defang(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = Scheme().Replace(text, m => m.Groups["http"].Success ? "hxxp" + m.Groups["s"].Value + "://" : m.Groups["scheme"].Value + "[://]");
        result = Ipv4().Replace(result, m => m.Value.Replace(".", "[.]", StringComparison.Ordinal));
        result = DomainDot().Replace(result, "[.]");
        result = At().Replace(result, "[at]");
        return Phone().Replace(result, m => SpacedDigits(m.Value));
    }

    private static string SpacedDigits(string phone)
    {
        var digits = phone.Where(char.IsAsciiDigit).ToArray();
        return (phone.StartsWith('+') ? "+" : string.Empty) + string.Join(' ', digits);
    }

    private static string RemoveInvisible(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsInvisibleOrControl(c) || c is '\n')
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Clip(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var elements = new StringInfo(text);
        return elements.LengthInTextElements <= maxLength ? text : elements.SubstringByTextElements(0, maxLength - 1).TrimEnd() + "…";
    }

    private static bool IsInvisibleOrControl(char c) =>
        char.IsControl(c)
        || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');

    [GeneratedRegex(@"(?:(?<http>h[tx]{2}p)(?<s>s?)|(?<scheme>[a-z][a-z0-9+.\-]*))://", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}])\.(?=\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex DomainDot();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}._%+\-])@(?=[\p{L}\p{N}\-\[])", RegexOptions.CultureInvariant)]
    private static partial Regex At();

    [GeneratedRegex(@"(?<![\p{L}\p{N}+])(?:\+|0)\d(?:[ \-]?\d){6,14}(?![\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}

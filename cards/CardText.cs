using System.Text;

namespace SupportBot.Cards;

/// <summary>
/// Makes user-supplied text inert before it is shown on a card: TextBlocks render a subset of markdown,
/// so brackets, emphasis and list markers would otherwise turn a typed answer into a link or heading.
/// Control and bidirectional-override characters are removed so text cannot reorder what is shown.
/// </summary>
public static class CardText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (IsInvisibleOrControl(c) && c is not '\n')
            {
                continue;
            }

            if (c is '\\' or '[' or ']' or '(' or ')' or '*' or '_' or '#' or '`' or '>' or '<' or '~' or '|' or '!' or '-' or '+')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool IsInvisibleOrControl(char c) =>
        char.IsControl(c)
        || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
}

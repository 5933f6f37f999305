using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Cards;

/// <summary>Finds <c>${...}</c> expressions inside template strings and substitutes their values.</summary>
internal static class TemplateString
{
    /// <summary>The expression when the whole string is exactly one <c>${...}</c>, else null.</summary>
    public static string? SingleExpression(string text)
    {
        if (!text.StartsWith("${", StringComparison.Ordinal) || !text.EndsWith('}'))
        {
            return null;
        }

        var end = FindClose(text, 2);
        return end == text.Length - 1 ? text[2..end] : null;
    }

    public static string Interpolate(string text, TemplateScope scope)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 32);
        var pos = 0;
        while (start >= 0)
        {
            var end = FindClose(text, start + 2);
            if (end < 0)
            {
                break;
            }

            sb.Append(text, pos, start - pos);
            var value = TemplateExpression.Evaluate(text[(start + 2)..end], scope);
            // Unbound expressions stay as written, as in the official engine.
            sb.Append(value is null ? text[start..(end + 1)] : ToText(value));
            pos = end + 1;
            start = text.IndexOf("${", pos, StringComparison.Ordinal);
        }

        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }

    public static string ToText(JsonNode value) => value switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    private static int FindClose(string text, int from)
    {
        var depth = 0;
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    return i;
                case '}':
                    depth--;
                    break;
            }
        }

        return -1;
    }
}

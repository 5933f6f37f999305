using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SupportBot.Storage.Tables;

/// <summary>
/// Turns any bot state key into a valid Table Storage key, one-to-one: two different keys never share an entity.
/// </summary>
/// <remarks>
/// Table Storage forbids <c>/ \ # ?</c> and the control characters U+0000–U+001F and U+007F–U+009F in keys.
/// <list type="bullet">
/// <item>Those characters and <c>%</c> itself become <c>%XX</c> (two upper-case hex digits), so <c>"a/b"</c>
/// (<c>a%2Fb</c>) and <c>"a%2Fb"</c> (<c>a%252Fb</c>) stay apart. Every other character is kept, so keys stay
/// readable in Storage Explorer.</item>
/// <item>An unpaired UTF-16 surrogate cannot travel as UTF-8 (it would silently become U+FFFD and collide), so it
/// becomes <c>%uXXXX</c>.</item>
/// <item>An escaped key longer than <see cref="MaxEncodedLength"/> becomes a readable prefix, the marker
/// <c>%h</c> and the SHA-256 of the whole escaped key. Escaping only ever writes <c>%</c> before a hex digit or
/// <c>u</c>, so a shortened key can never equal the escaped form of another key. The caller stores the original key
/// next to the value and compares it on read, so even a SHA-256 collision reads as "missing", never as the wrong
/// value.</item>
/// </list>
/// </remarks>
internal static class TableKeyEncoder
{
    /// <summary>
    /// Longest key written as is. Azure documents 1 KiB; Azurite 3.37 accepts 512 UTF-16 characters and refuses 513
    /// (measured). 255 stays far below both, whatever the characters.
    /// </summary>
    internal const int MaxEncodedLength = 255;

    /// <summary>
    /// Longest key accepted at all. The original key is stored in a string property (64 KiB limit) and counts
    /// against the 1 MiB entity, so it is bounded; real bot state keys are a few hundred characters.
    /// </summary>
    internal const int MaxKeyLength = 8 * 1024;

    internal const string HashMarker = "%h";

    private const int HashHexLength = 64;
    private const int PrefixLength = MaxEncodedLength - 2 - HashHexLength;

    /// <summary>The PartitionKey for <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key is longer than <see cref="MaxKeyLength"/> characters.</exception>
    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > MaxKeyLength)
        {
            // The length, never the key: keys carry conversation and user ids.
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A storage key is {key.Length:N0} characters long; TableStorage accepts keys of at most {MaxKeyLength:N0} characters."),
                nameof(key));
        }

        var escaped = Escape(key);
        return escaped.Length <= MaxEncodedLength ? escaped : Shorten(escaped);
    }

    /// <summary>The one-to-one escaped form, before any shortening.</summary>
    internal static string Escape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        StringBuilder? builder = null;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                builder?.Append(c).Append(key[i + 1]);
                i++;
                continue;
            }

            string? replacement = char.IsSurrogate(c)
                ? "%u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
                : MustEscape(c) ? "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : null;

            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }

            // Most keys need no escaping; only allocate once one does.
            builder ??= new StringBuilder(key.Length + 16).Append(key, 0, i);
            builder.Append(replacement);
        }

        return builder?.ToString() ?? key;
    }

    private static bool MustEscape(char c) =>
        c is '%' or '/' or '\\' or '#' or '?' or <= '\u001F' or (>= '\u007F' and <= '\u009F');

    private static string Shorten(string escaped)
    {
        // Cut the prefix between escape sequences and surrogate pairs: half a pair is not valid UTF-16.
        var cut = 0;
        while (cut < escaped.Length)
        {
            var unit = escaped[cut] == '%'
                ? (escaped[cut + 1] == 'u' ? 6 : 3)
                : char.IsHighSurrogate(escaped[cut]) ? 2 : 1;
            if (cut + unit > PrefixLength)
            {
                break;
            }

            cut += unit;
        }

        // The escaped key is valid UTF-16 (lone surrogates were escaped), so its UTF-8 bytes are as unique as the key.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(escaped));
        return string.Concat(escaped.AsSpan(0, cut), HashMarker, Convert.ToHexStringLower(hash));
    }
}

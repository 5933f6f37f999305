using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.Tests.Storage;

public class TableKeyEncoderTests
{
    private static readonly char[] s_forbidden = ['/', '\\', '#', '?'];

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    [InlineData("msteams/conversations/a:1-x", "msteams%2Fconversations%2Fa:1-x")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("a#b", "a%23b")]
    [InlineData("a?b", "a%3Fb")]
    [InlineData("%", "%25")]
    [InlineData("a%2Fb", "a%252Fb")]
    [InlineData("\u0000", "%00")]
    [InlineData("\t\r\n", "%09%0D%0A")]
    [InlineData("\u001F", "%1F")]
    [InlineData("\u007F", "%7F")]
    [InlineData("\u0085", "%85")]
    [InlineData("\u009F", "%9F")]
    [InlineData("\u00A0äö€", "\u00A0äö€")]
    [InlineData("'\";<>&*~`!@$^()", "'\";<>&*~`!@$^()")]
    [InlineData("😀", "😀")]
    public void Encode_ShortKey_EscapesForbiddenCharactersPercentAndLoneSurrogates(string key, string expected)
    {
        Assert.Equal(expected, TableKeyEncoder.Encode(key));
    }

    [Fact]
    public void Encode_LoneSurrogate_IsEscaped()
    {
        // Not a theory: the runner serializes theory data as UTF-8, which cannot hold a lone surrogate.
        var cases = new (string Key, string Expected)[]
        {
            ("a\uD800b", "a%uD800b"),
            ("\uDC00", "%uDC00"),
            ("\uDE00\uD83D", "%uDE00%uD83D"),
            ("\uD83D\uDE00\uD83D", "\uD83D\uDE00%uD83D"),
        };

        foreach (var (key, expected) in cases)
        {
            Assert.Equal(expected, TableKeyEncoder.Encode(key));
        }
    }

    [Fact]
    public void Encode_EveryCharacter_NeverProducesAForbiddenCharacterOrLoneSurrogate()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var encoded = TableKeyEncoder.Encode("x" + (char)c + "y");

            Assert.DoesNotContain(encoded, ch => s_forbidden.Contains(ch) || ch <= '\u001F' || ch is >= '\u007F' and <= '\u009F' || char.IsSurrogate(ch));
        }
    }

    [Fact]
    public void Encode_KeyAtTheLengthLimit_IsKeptAsIs()
    {
        var key = new string('k', TableKeyEncoder.MaxEncodedLength);

        Assert.Equal(key, TableKeyEncoder.Encode(key));
    }

    [Theory]
    [InlineData(TableKeyEncoder.MaxEncodedLength + 1)]
    [InlineData(2_000)]
    [InlineData(TableKeyEncoder.MaxKeyLength)]
    public void Encode_LongKey_IsShortenedToPrefixMarkerAndSha256(int length)
    {
        var key = new string('k', length);

        var encoded = TableKeyEncoder.Encode(key);

        Assert.True(encoded.Length <= TableKeyEncoder.MaxEncodedLength, $"{encoded.Length} characters");
        Assert.Matches("^k+%h[0-9a-f]{64}$", encoded);
    }

    [Fact]
    public void Encode_ShortKeyThatEscapingMakesTooLong_IsShortened()
    {
        var key = new string('/', 100);

        var encoded = TableKeyEncoder.Encode(key);

        Assert.True(encoded.Length <= TableKeyEncoder.MaxEncodedLength);
        Assert.Contains(TableKeyEncoder.HashMarker, encoded, StringComparison.Ordinal);
        Assert.StartsWith("%2F%2F", encoded, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_LongKey_PrefixNeverSplitsAnEscapeSequenceOrSurrogatePair()
    {
        foreach (var filler in new[] { "😀", "/", "a/", "\uD800", "ab😀" })
        {
            var key = string.Concat(Enumerable.Repeat(filler, 300));

            var encoded = TableKeyEncoder.Encode(key);
            var prefix = encoded[..encoded.IndexOf(TableKeyEncoder.HashMarker, StringComparison.Ordinal)];

            Assert.False(char.IsHighSurrogate(prefix[^1]), $"prefix of {filler} ends in half a pair");
            Assert.Equal(prefix, TableKeyEncoder.Escape(key)[..prefix.Length]);
            Assert.DoesNotMatch("%.?$|%u.{0,3}$", prefix);
        }
    }

    [Fact]
    public void Encode_LongKeysSharingAPrefix_Differ()
    {
        var common = new string('c', 1_000);

        Assert.NotEqual(TableKeyEncoder.Encode(common + "1"), TableKeyEncoder.Encode(common + "2"));
    }

    [Fact]
    public void Encode_TrickyKeys_AreAllDistinct()
    {
        var longBase = new string('L', 300);
        var tricky = new List<string>
        {
            "", "a", "A", "a/b", "a\\b", "a#b", "a?b", "a%b", "a%2Fb", "a%2fb", "a%252Fb", "a%5Cb", "a%23b", "a%3Fb",
            "%", "%25", "%2525", "%h", "%u", "%uD800", "\uD800", "\uDC00", "\uFFFD", "😀", "%00", "\u0000", "\u007F", "%7F",
            "\t", "%09", "a b", "a+b", "a'b", "a''b", "!@#$%^&*()~/\\><,.?';\"`~",
            longBase, longBase + "/", longBase + "%2F", longBase + "\\", longBase + "%5C", longBase + "\uD800", longBase + "\uDC00",
        };

        // A crafted short key that looks like a shortened one must not take its place.
        var shortened = TableKeyEncoder.Encode(longBase);
        tricky.Add(shortened);

        var encoded = tricky.Select(TableKeyEncoder.Encode).ToList();

        Assert.Equal(tricky.Count, encoded.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Encode_KeyLongerThanTheLimit_ThrowsNamingTheLengthNotTheKey()
    {
        var key = "secret" + new string('k', TableKeyEncoder.MaxKeyLength);

        var ex = Assert.Throws<ArgumentException>(() => TableKeyEncoder.Encode(key));

        Assert.Contains("8,192", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TableKeyEncoder.Encode(null!));
    }
}

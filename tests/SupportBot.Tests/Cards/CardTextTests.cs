using SupportBot.Cards;

namespace SupportBot.Tests.Cards;

/// <summary>Free text on cards: addresses, e-mail and phone numbers shown inert, names cut to their display length.</summary>
public sealed class CardTextTests
{
    [Theory]
    [InlineData("se https://evil.example/login nu", "se hxxps://evil[.]example/login nu")]
    [InlineData("http://x.se", "hxxp://x[.]se")]
    [InlineData("HTTPS://EVIL.EXAMPLE", "hxxpS://EVIL[.]EXAMPLE")]
    [InlineData("ftp://files.example.org/a", "ftp[://]files[.]example[.]org/a")]
    [InlineData("www.example.com", "www[.]example[.]com")]
    [InlineData("example.com", "example[.]com")]
    [InlineData("gå till kommun.se!", "gå till kommun[.]se!")]
    [InlineData("skriv till namn@example.se", "skriv till namn[at]example[.]se")]
    [InlineData("first.last+tag@sub.example.co.uk", "first[.]last+tag[at]sub[.]example[.]co[.]uk")]
    [InlineData("servern 192.168.10.1 svarar", "servern 192[.]168[.]10[.]1 svarar")]
    [InlineData("ring 070-123 45 67", "ring 0 7 0 1 2 3 4 5 6 7")]
    [InlineData("ring +46 70 123 45 67 nu", "ring +4 6 7 0 1 2 3 4 5 6 7 nu")]
    [InlineData("ring 08-452 70 00", "ring 0 8 4 5 2 7 0 0 0")]
    [InlineData("Bilaga fdp.exe", "Bilaga fdp[.]exe")]
    [InlineData("kl 23.30 den 2026-01-15", "kl 23.30 den 2026-01-15")]
    [InlineData("ärende HH-2026-0042", "ärende HH-2026-0042")]
    [InlineData("personnr 19800101-1234", "personnr 19800101-1234")]
    [InlineData("Slut. Ny mening", "Slut. Ny mening")]
    [InlineData("3.5 procent", "3.5 procent")]
    [InlineData("hxxps://redan[.]defangad", "hxxps://redan[.]defangad")]
    [InlineData("", "")]
    public void Defang_UserText_AddressesAreInert(string input, string expected)
    {
        Assert.Equal(expected, CardText.Defang(input));
    }

    [Theory]
    [InlineData("Länk: https://evil.example", "Länk: hxxps://evil\\[.\\]example")]
    [InlineData("namn@exempel.se", "namn\\[at\\]exempel\\[.\\]se")]
    [InlineData("evil\u200B.example", "evil\\[.\\]example")]
    [InlineData("evil.\u2060example", "evil\\[.\\]example")]
    [InlineData("+46701234567", "\\+4 6 7 0 1 2 3 4 5 6 7")]
    public void Escape_UserText_DefangedAfterInvisibleCharactersGoAndThenMarkdownEscaped(string input, string expected)
    {
        Assert.Equal(expected, CardText.Escape(input));
    }

    [Theory]
    [InlineData("Kort kommun", 80, "Kort kommun")]
    [InlineData("abcdefghij", 5, "abcd…")]
    [InlineData("abc\U0001F600\U0001F600\U0001F600", 5, "abc\U0001F600…")]
    [InlineData("abc   defg", 5, "abc…")]
    public void Escape_WithMaxLength_CutsWholeCharactersWithAnEllipsis(string input, int max, string expected)
    {
        Assert.Equal(expected, CardText.Escape(input, max));
    }
}

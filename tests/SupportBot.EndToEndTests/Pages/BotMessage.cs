using Microsoft.Playwright;

namespace SupportBot.EndToEndTests.Pages;

/// <summary>
/// A message from the bot as the person sees it: its text and, when it is an Adaptive Card, the card's lines in
/// reading order. Read once when found; <see cref="ReadAgainAsync"/> reads it again (e.g. after a card was updated).
/// </summary>
public sealed class BotMessage
{
    /// <summary>In a chat, a message element is [header, body]: the text is everything but the "Message header".</summary>
    internal const string ChatContentScript =
        "m => Array.from(m.children).filter(c => c.getAttribute('aria-label') !== 'Message header').map(c => c.innerText).join('\\n')";

    /// <summary>A reply in a channel thread is [header (avatar, name, time), body]: the text is the body.</summary>
    internal const string ChannelReplyContentScript =
        "m => Array.from(m.children).slice(1).map(c => c.innerText).join('\\n')";

    /// <summary>A post in a channel: the whole post, without its reply box.</summary>
    internal const string ChannelPostContentScript = "m => m.innerText";

    private readonly string _contentScript;

    private BotMessage(ILocator root, string contentScript, string text, IReadOnlyList<string> cardLines)
    {
        Root = root;
        _contentScript = contentScript;
        Text = text;
        CardLines = cardLines;
    }

    /// <summary>The message on the page, for assertions the page objects do not cover.</summary>
    public ILocator Root { get; }

    /// <summary>The Adaptive Card in the message (the renderer marks it with the class <c>ac-adaptiveCard</c>).</summary>
    public ILocator Card => Root.Locator(".ac-adaptiveCard").First;

    /// <summary>All the text the message shows.</summary>
    public string Text { get; }

    public bool IsCard => CardLines.Count > 0;

    /// <summary>The card's lines as shown, top to bottom, without blank lines; empty for a plain text message.</summary>
    public IReadOnlyList<string> CardLines { get; }

    /// <summary>The first line the person reads: the card's first line, or the text's.</summary>
    public string FirstLine => IsCard ? CardLines[0] : Lines(Text).FirstOrDefault() ?? string.Empty;

    /// <summary>Whether the message shows <paramref name="text"/> anywhere.</summary>
    public bool Shows(string text) => Text.Contains(text, StringComparison.Ordinal);

    /// <summary>Clicks the card's button with the visible title <paramref name="title"/>.</summary>
    public Task ClickAsync(string title) =>
        Card.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).ClickAsync();

    public Task<BotMessage> ReadAgainAsync() => ReadAsync(Root, _contentScript);

    public override string ToString() => Text;

    internal static async Task<BotMessage> ReadAsync(ILocator root, string contentScript)
    {
        var text = await root.EvaluateAsync<string>(contentScript);
        var card = root.Locator(".ac-adaptiveCard").First;
        var cardLines = await card.CountAsync() > 0 ? Lines(await card.InnerTextAsync()) : [];
        return new BotMessage(root, contentScript, text.Trim(), cardLines);
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}

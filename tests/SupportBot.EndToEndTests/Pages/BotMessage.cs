using System.Text.RegularExpressions;
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

    /// <summary>The line above the question on a question card: "Fråga 3", "Question 3".</summary>
    private static readonly Regex s_progressLine = new(@"^(Fråga|Question) \d+$", RegexOptions.CultureInvariant);

    private BotMessage(ILocator root, string contentScript, string text, IReadOnlyList<string> cardLines, IReadOnlyList<string> buttons)
    {
        Root = root;
        _contentScript = contentScript;
        Text = text;
        CardLines = cardLines;
        Buttons = buttons;
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

    /// <summary>The titles of the card's buttons, top to bottom (answers, then the card's own actions); empty for text.</summary>
    public IReadOnlyList<string> Buttons { get; }

    /// <summary>The first line the person reads: the card's first line, or the text's.</summary>
    public string FirstLine => IsCard ? CardLines[0] : Lines(Text).FirstOrDefault() ?? string.Empty;

    /// <summary>
    /// On a question card (one step of a dialog such as the triage), the question asked: the line under "Fråga N" /
    /// "Question N". Null for any other message.
    /// </summary>
    public string? Question
    {
        get
        {
            var progress = CardLines.ToList().FindIndex(s_progressLine.IsMatch);
            return progress >= 0 && progress + 1 < CardLines.Count ? CardLines[progress + 1] : null;
        }
    }

    /// <summary>On a question card, "Fråga 3" / "Question 3". Null for any other message.</summary>
    public string? Progress => CardLines.FirstOrDefault(s_progressLine.IsMatch);

    /// <summary>Whether the message shows <paramref name="text"/> anywhere.</summary>
    public bool Shows(string text) => Text.Contains(text, StringComparison.Ordinal);

    /// <summary>
    /// Clicks the card's button with the visible title <paramref name="title"/>. To wait for what the bot answers, use
    /// <see cref="ChatPage.ClickAsync"/>.
    /// </summary>
    public Task ClickAsync(string title) =>
        Card.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).ClickAsync();

    /// <summary>
    /// Ticks the choice titled <paramref name="title"/> in the card's list of check boxes (a multi-select) by clicking
    /// its visible text, as a person does; fails unless the box is then ticked. (The renderer names each box after the
    /// list's label plus its own, so a box's accessible name is longer than its title.)
    /// </summary>
    public Task TickAsync(string title) => Card.GetByText(title, new() { Exact = true }).CheckAsync();

    /// <summary>Types <paramref name="text"/> into the card's text box (the card has one).</summary>
    public Task FillInAsync(string text) => Card.GetByRole(AriaRole.Textbox).FillAsync(text);

    public Task<BotMessage> ReadAgainAsync() => ReadAsync(Root, _contentScript);

    public override string ToString() => Text;

    internal static async Task<BotMessage> ReadAsync(ILocator root, string contentScript)
    {
        var text = await root.EvaluateAsync<string>(contentScript);
        var card = root.Locator(".ac-adaptiveCard").First;
        var isCard = await card.CountAsync() > 0;
        var cardLines = isCard ? Lines(await card.InnerTextAsync()) : [];
        var buttons = isCard ? (await card.GetByRole(AriaRole.Button).AllInnerTextsAsync()).Select(b => b.Trim()).ToList() : [];
        return new BotMessage(root, contentScript, text.Trim(), cardLines, buttons);
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}

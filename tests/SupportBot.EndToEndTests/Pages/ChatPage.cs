using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.EndToEndTests.Pages;

/// <summary>
/// A personal or group chat as the person sees it: a list of messages and one compose box at the bottom.
/// Every message has a header (accessible name "Message header"); the bot's messages name their author in it
/// ("Message author"), the person's own messages do not.
/// </summary>
public sealed class ChatPage
{
    /// <summary>The Playground sends what is typed and shows the bot's answer within a second; a cold bot takes longer.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly TeamsClient _client;
    private readonly string _description;

    internal ChatPage(TeamsClient client, string description)
    {
        _client = client;
        _description = description;
    }

    private IPage Page => _client.Page;

    /// <summary>Every message in the chat, oldest first: the element that holds a "Message header" and the content.</summary>
    private ILocator Messages => Page.Locator("[aria-label='Message header']").Locator("xpath=..");

    private ILocator BotMessageRows => Messages.Filter(new()
    {
        Has = Page.Locator("[aria-label='Message author']", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(_client.BotName)}\\s*$") }),
    });

    private ILocator MyMessageRows => Messages.Filter(new() { HasNot = Page.Locator("[aria-label='Message author']") });

    /// <summary>
    /// The compose box: the chat's editable text box (a contenteditable editor). Cards that ask for free text have
    /// text boxes of their own (plain form fields), which this leaves out.
    /// </summary>
    private ILocator ComposeBox => Page.GetByRole(AriaRole.Textbox).And(Page.Locator("[contenteditable='true']"));

    /// <summary>Types <paramref name="text"/>, sends it with Enter, and returns the bot's next message.</summary>
    public async Task<BotMessage> SendAsync(string text)
    {
        var before = await BotMessageRows.CountAsync();
        await ComposeBox.ClickAsync();
        await Page.Keyboard.TypeAsync(text);
        await SendTypedAsync(text);
        return await WaitForBotMessageNumberAsync(before);
    }

    /// <summary>
    /// Types "@" and the start of the bot's name, picks the bot from the mention list (as a person does in a group
    /// chat or channel, where the bot only hears messages that mention it), types <paramref name="text"/>, sends it,
    /// and returns the bot's next message.
    /// </summary>
    public async Task<BotMessage> MentionBotAsync(string text)
    {
        var before = await BotMessageRows.CountAsync();
        await ComposeBox.ClickAsync();
        await Mentions.TypeBotMentionAsync(Page, _client.BotName);
        await Page.Keyboard.TypeAsync(" " + text);
        await SendTypedAsync(text);
        return await WaitForBotMessageNumberAsync(before);
    }

    /// <summary>Clicks the button titled <paramref name="button"/> on <paramref name="card"/> and returns the bot's next message.</summary>
    public Task<BotMessage> ClickAsync(BotMessage card, string button)
    {
        ArgumentNullException.ThrowIfNull(card);
        return ActOnCardAsync(() => card.ClickAsync(button));
    }

    /// <summary>
    /// Ticks <paramref name="choices"/> in the check-box list of <paramref name="card"/> (a multi-select question),
    /// clicks <paramref name="button"/> (e.g. "Fortsätt") and returns the bot's next message.
    /// </summary>
    public Task<BotMessage> TickAndClickAsync(BotMessage card, IEnumerable<string> choices, string button)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(choices);
        return ActOnCardAsync(async () =>
        {
            foreach (var choice in choices)
            {
                await card.TickAsync(choice);
            }

            await card.ClickAsync(button);
        });
    }

    /// <summary>
    /// Types <paramref name="text"/> into the text box of <paramref name="card"/> (a free-text question), clicks
    /// <paramref name="button"/> (e.g. "Skicka") and returns the bot's next message.
    /// </summary>
    public Task<BotMessage> FillInAndClickAsync(BotMessage card, string text, string button)
    {
        ArgumentNullException.ThrowIfNull(card);
        return ActOnCardAsync(async () =>
        {
            await card.FillInAsync(text);
            await card.ClickAsync(button);
        });
    }

    /// <summary>
    /// Clicks <paramref name="button"/> on <paramref name="card"/> where the answer is the same card changed in place
    /// (Action.Execute), and returns the card once it shows <paramref name="until"/>.
    /// </summary>
    public async Task<BotMessage> ClickAndWaitForChangeAsync(BotMessage card, string button, string until)
    {
        ArgumentNullException.ThrowIfNull(card);
        await card.ClickAsync(button);
        return await WaitForChangeAsync(card, until);
    }

    /// <summary>Waits until <paramref name="card"/>, changed in place by the bot, shows <paramref name="until"/>.</summary>
    public async Task<BotMessage> WaitForChangeAsync(BotMessage card, string until)
    {
        ArgumentNullException.ThrowIfNull(card);
        var deadline = DateTime.UtcNow + ReplyTimeout;
        while (true)
        {
            // The card's own lines, not just the message text: the new card is rendered (buttons included) by then. Both
            // are read one after the other, so a card replaced in between gives an old text with new lines: wait until
            // both show the change, or a caller's later check of the text sees the old card.
            var now = await card.ReadAgainAsync();
            if (now.CardLines.Any(l => l.Contains(until, StringComparison.Ordinal)) && now.Text.Contains(until, StringComparison.Ordinal))
            {
                return now;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The card in the {_description} did not change to show \"{until}\" within {ReplyTimeout.TotalSeconds:0}s. It shows:\n{now.Text}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits for a message from the bot that shows <paramref name="containing"/> (any of its messages).</summary>
    public async Task<BotMessage> WaitForBotMessageAsync(string containing)
    {
        var row = BotMessageRows.Filter(new() { HasText = containing }).First;
        try
        {
            await Expect(row).ToBeVisibleAsync(new() { Timeout = (float)ReplyTimeout.TotalMilliseconds });
        }
        catch (PlaywrightException ex)
        {
            throw new TimeoutException($"No message from {_client.BotName} showing \"{containing}\" in the {_description} within {ReplyTimeout.TotalSeconds:0}s. The bot's messages:\n{await DescribeBotMessagesAsync()}", ex);
        }

        // Located by position from here on, not by text: the bot may change the card in place later.
        var count = await BotMessageRows.CountAsync();
        for (var i = 0; i < count; i++)
        {
            if ((await BotMessageRows.Nth(i).InnerTextAsync()).Contains(containing, StringComparison.Ordinal))
            {
                return await BotMessage.ReadAsync(BotMessageRows.Nth(i), BotMessage.ChatContentScript);
            }
        }

        return await BotMessage.ReadAsync(row, BotMessage.ChatContentScript);
    }

    /// <summary>The bot's messages in this chat, oldest first.</summary>
    public async Task<IReadOnlyList<BotMessage>> BotMessagesAsync()
    {
        var count = await BotMessageRows.CountAsync();
        var messages = new List<BotMessage>(count);
        for (var i = 0; i < count; i++)
        {
            messages.Add(await BotMessage.ReadAsync(BotMessageRows.Nth(i), BotMessage.ChatContentScript));
        }

        return messages;
    }

    /// <summary>Waits until no new message has arrived for a second.</summary>
    public Task WaitUntilQuietAsync() => Quiet.WaitAsync(() => Messages.CountAsync());

    /// <summary>Once the chat shows, waits until what it triggered (e.g. a welcome) has arrived.</summary>
    internal async Task WaitUntilReadyAsync()
    {
        await Expect(ComposeBox).ToBeVisibleAsync();
        await WaitUntilQuietAsync();
    }

    /// <summary>A card submit shows nothing of the person's in the chat (as in Teams): only the bot's answer tells it arrived.</summary>
    private async Task<BotMessage> ActOnCardAsync(Func<Task> act)
    {
        var before = await BotMessageRows.CountAsync();
        await act();
        return await WaitForBotMessageNumberAsync(before);
    }

    private async Task SendTypedAsync(string text)
    {
        var mineBefore = await MyMessageRows.Filter(new() { HasText = text }).CountAsync();
        await Page.Keyboard.PressAsync("Enter");
        // The person sees their own message in the chat before the bot answers it.
        await Expect(MyMessageRows.Filter(new() { HasText = text })).ToHaveCountAsync(mineBefore + 1);
    }

    private async Task<BotMessage> WaitForBotMessageNumberAsync(int index)
    {
        var deadline = DateTime.UtcNow + ReplyTimeout;
        while (await BotMessageRows.CountAsync() <= index)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_client.BotName} did not answer in the {_description} within {ReplyTimeout.TotalSeconds:0}s. The bot's messages:\n{await DescribeBotMessagesAsync()}");
            }

            await Task.Delay(100);
        }

        return await BotMessage.ReadAsync(BotMessageRows.Nth(index), BotMessage.ChatContentScript);
    }

    private async Task<string> DescribeBotMessagesAsync()
    {
        var messages = await BotMessagesAsync();
        return messages.Count == 0 ? "(none)" : string.Join("\n---\n", messages.Select(m => m.Text));
    }
}

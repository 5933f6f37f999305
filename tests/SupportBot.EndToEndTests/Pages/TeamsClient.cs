using Microsoft.Playwright;
using SupportBot.EndToEndTests.Harness;
using SupportBot.Testing;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.EndToEndTests.Pages;

/// <summary>
/// One person in their own browser window on their Playground: the Teams client as they see it. Open a
/// conversation from the chat list, then talk to the bot through <see cref="ChatPage"/> or <see cref="ChannelPage"/>.
/// </summary>
public sealed class TeamsClient : IAsyncDisposable
{
    /// <summary>
    /// Scrolls a message so that it shows whole, or, when it is taller than the chat (a guidance card), from its top
    /// (where the 112 line is) rather than from its middle.
    /// </summary>
    private const string ShowFromTopScript = """
        m => {
            let pane = m.parentElement;
            while (pane && !/(auto|scroll)/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement;
            const view = pane ? pane.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
            const box = m.getBoundingClientRect();
            if (box.top < view.top || box.bottom > view.bottom) {
                m.scrollIntoView({ block: box.height > view.bottom - view.top ? 'start' : 'end', behavior: 'instant' });
            }
        }
        """;

    private readonly IBrowserContext _context;
    private readonly string _groupChatName;
    private readonly string _teamName;
    private readonly string _channelName;

    private TeamsClient(IBrowserContext context, IPage page, Person person, Playground playground, string botName, string groupChatName, string teamName, string channelName)
    {
        _context = context;
        Page = page;
        Person = person;
        Playground = playground;
        BotName = botName;
        _groupChatName = groupChatName;
        _teamName = teamName;
        _channelName = channelName;
    }

    public Person Person { get; }

    public Playground Playground { get; }

    /// <summary>The bot's display name, as the client shows it on the bot's messages and in the @mention list.</summary>
    public string BotName { get; }

    /// <summary>The raw page, for what the page objects do not cover yet.</summary>
    public IPage Page { get; }

    internal static async Task<TeamsClient> OpenAsync(IBrowser browser, Person person, Playground playground, string botName, string groupChatName, string teamName, string channelName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var client = new TeamsClient(context, page, person, playground, botName, groupChatName, teamName, channelName);
        try
        {
            await page.GotoAsync(playground.Url.ToString());
            // Signed in as the right person, and the chat list is there.
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = person.Name, Exact = true }).First).ToBeVisibleAsync();
            await Expect(client.ChatListItem("Personal Chat")).ToBeVisibleAsync();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The person's one-to-one chat with the bot.</summary>
    public async Task<ChatPage> OpenPersonalChatAsync()
    {
        await OpenFromChatListAsync("Personal Chat");
        var chat = new ChatPage(this, "personal chat");
        await chat.WaitUntilReadyAsync();
        return chat;
    }

    /// <summary>The group chat of <c>people.json</c> (everybody and the bot).</summary>
    public async Task<ChatPage> OpenGroupChatAsync()
    {
        await ChatListItem(_groupChatName).ClickAsync();
        var chat = new ChatPage(this, "group chat");
        await chat.WaitUntilReadyAsync();
        return chat;
    }

    /// <summary>A channel of the team: the extra channel of <c>people.json</c> unless named (e.g. "General").</summary>
    public async Task<ChannelPage> OpenChannelAsync(string? channelName = null)
    {
        var name = channelName ?? _channelName;
        // The chat list names a channel "Team - Channel".
        await ChatListItem($"{_teamName} - {name}").ClickAsync();
        var channel = new ChannelPage(this, name);
        await channel.WaitUntilReadyAsync();
        return channel;
    }

    /// <summary>
    /// Saves what the person sees as <c>test-results/screenshots/NAME.png</c> and returns the path; with
    /// <paramref name="showing"/>, scrolls that message into view first (from its top when it is taller than the chat). Hides the Playground's log panel first, so
    /// the picture shows the conversation as in Teams (failure screenshots keep it: it lists the activities).
    /// </summary>
    public async Task<string> ScreenshotAsync(string name, BotMessage? showing = null)
    {
        await HideLogPanelAsync();

        if (showing is not null)
        {
            await showing.Root.ScrollIntoViewIfNeededAsync();
            await showing.Root.EvaluateAsync(ShowFromTopScript);
        }

        var path = Evidence.ScreenshotPath(name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    /// <summary>
    /// Makes the window <paramref name="width"/> × <paramref name="height"/> (as a person with a smaller screen or a
    /// narrow window has it) and hides the Playground's log panel, so that the chat pane is laid out as in Teams.
    /// </summary>
    public async Task ResizeAsync(int width, int height)
    {
        await HideLogPanelAsync();
        await Page.SetViewportSizeAsync(width, height);
    }

    private async Task HideLogPanelAsync()
    {
        var hideLog = Page.GetByRole(AriaRole.Button, new() { Name = "Hide log panel", Exact = true });
        if (await hideLog.IsVisibleAsync())
        {
            await hideLog.ClickAsync();
        }
    }

    /// <summary>
    /// Saves the whole of <paramref name="message"/> (a card taller than the window, such as the guidance card) as
    /// <c>test-results/screenshots/NAME.png</c>, for reviewing the card rather than the window: makes the window as
    /// tall as needed for the moment of the picture, then restores it.
    /// </summary>
    public async Task<string> ScreenshotWholeAsync(string name, BotMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var normal = Page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 800 };
        var box = await message.Root.BoundingBoxAsync();
        var height = (int)Math.Ceiling(box?.Height ?? 0) + normal.Height;
        var path = Evidence.ScreenshotPath(name);
        await Page.SetViewportSizeAsync(normal.Width, Math.Max(normal.Height, height));
        try
        {
            await message.Root.ScrollIntoViewIfNeededAsync();
            await message.Root.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        }
        finally
        {
            await Page.SetViewportSizeAsync(normal.Width, normal.Height);
        }

        return path;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    /// <summary>
    /// Clicks a chat in the chat list. In a narrow window the Playground slides the list out of the viewport, where a
    /// pointer cannot reach it: the click is then dispatched to the item itself, as its handler receives it either way.
    /// </summary>
    private async Task OpenFromChatListAsync(string name)
    {
        if ((Page.ViewportSize?.Width ?? 1280) < NarrowWidth)
        {
            await ChatListItem(name).DispatchEventAsync("click");
            return;
        }

        await ChatListItem(name).ClickAsync();
    }

    /// <summary>Below this width (CSS px) the Playground lays out for a narrow window and hides the chat list.</summary>
    private const int NarrowWidth = 700;

    private ILocator ChatListItem(string name) => Page.GetByRole(AriaRole.Treeitem, new() { Name = name, Exact = true });
}

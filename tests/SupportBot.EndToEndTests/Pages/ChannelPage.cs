using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.EndToEndTests.Pages;

/// <summary>
/// A team channel as the person sees it: a "Start a new post" box with a Post button on top, then the posts,
/// newest first. Each post is a group (role "group") with its replies and its own reply box ("Send Message").
/// </summary>
public sealed class ChannelPage
{
    private readonly TeamsClient _client;
    private readonly string _name;

    internal ChannelPage(TeamsClient client, string name)
    {
        _client = client;
        _name = name;
    }

    private IPage Page => _client.Page;

    private ILocator NewPostBox => Page.GetByRole(AriaRole.Group)
        .Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }) })
        .GetByRole(AriaRole.Textbox);

    /// <summary>The posts (threads), newest first: groups with their own reply box.</summary>
    private ILocator Posts => Page.GetByRole(AriaRole.Group)
        .Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Send Message", Exact = true }) });

    private ILocator BotAvatar => Page.GetByRole(AriaRole.Img, new() { Name = _client.BotName, Exact = true });

    /// <summary>
    /// Starts a new post that @mentions the bot, followed by <paramref name="text"/>, and returns the bot's reply in
    /// that post's thread.
    /// </summary>
    public async Task<BotMessage> MentionBotAsync(string text)
    {
        var post = await PostAsync(text, mentionBot: true);
        // A reply is [header with the author's avatar, body]: the avatar's grandparent.
        var reply = post.GetByRole(AriaRole.Img, new() { Name = _client.BotName, Exact = true }).Locator("xpath=../..").First;
        try
        {
            await Expect(reply).ToBeVisibleAsync(new() { Timeout = (float)ChatPage.ReplyTimeout.TotalMilliseconds });
        }
        catch (PlaywrightException ex)
        {
            throw new TimeoutException($"{_client.BotName} did not reply to \"{text}\" in the channel {_name} within {ChatPage.ReplyTimeout.TotalSeconds:0}s. The post shows:\n{await post.InnerTextAsync()}", ex);
        }

        return await BotMessage.ReadAsync(reply, BotMessage.ChannelReplyContentScript);
    }

    /// <summary>Waits for a post by the bot (e.g. its welcome, or a notification) that shows <paramref name="containing"/>.</summary>
    public async Task<BotMessage> WaitForBotPostAsync(string containing)
    {
        var post = Posts.Filter(new() { Has = BotAvatar }).Filter(new() { HasText = containing }).First;
        await Expect(post).ToBeVisibleAsync(new() { Timeout = (float)ChatPage.ReplyTimeout.TotalMilliseconds });
        return await BotMessage.ReadAsync(post, BotMessage.ChannelPostContentScript);
    }

    /// <summary>Starts a new post (optionally @mentioning the bot) and returns it once it shows in the channel.</summary>
    public async Task<ILocator> PostAsync(string text, bool mentionBot = false)
    {
        var mine = Posts.Filter(new() { HasText = text });
        var before = await mine.CountAsync();
        await NewPostBox.ClickAsync();
        if (mentionBot)
        {
            await Mentions.TypeBotMentionAsync(Page, _client.BotName);
            await Page.Keyboard.TypeAsync(" ");
        }

        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(mine).ToHaveCountAsync(before + 1);
        // Newest first.
        return mine.First;
    }

    internal async Task WaitUntilReadyAsync()
    {
        await Expect(NewPostBox).ToBeVisibleAsync();
        await Quiet.WaitAsync(() => Posts.CountAsync());
    }
}

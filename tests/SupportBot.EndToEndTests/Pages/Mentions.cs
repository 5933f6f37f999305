using Microsoft.Playwright;

namespace SupportBot.EndToEndTests.Pages;

/// <summary>@mentioning the bot the way the Playground's compose box lets a person do it.</summary>
internal static class Mentions
{
    /// <summary>
    /// In the focused compose box: types "@" and the first letters of the bot's name, then picks the bot from the
    /// suggestion list ("Typeahead menu"). The box then shows the bot's name as a mention, and the message is sent
    /// as "&lt;at&gt;Bot&lt;/at&gt; ..." with a mention entity, as Teams does.
    /// </summary>
    public static async Task TypeBotMentionAsync(IPage page, string botName)
    {
        await page.Keyboard.TypeAsync("@" + botName[..Math.Min(4, botName.Length)]);
        await page.GetByRole(AriaRole.Listbox, new() { Name = "Typeahead menu" })
            .GetByRole(AriaRole.Menuitem, new() { Name = botName })
            .ClickAsync();
    }
}

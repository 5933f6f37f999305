using Microsoft.Playwright;
using SupportBot.EndToEndTests.Harness;
using SupportBot.EndToEndTests.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>
/// Checklists (issue 6): a manager opens a checklist, ticks items, saves them in place, closes Teams, comes back and
/// finds them ticked, and resets them. Texts are those of dialogs/content/checklists.json and strings.sv.json. The
/// scenario runs in fresh conversations (its language choice stays there) and comes back on the same Playground.
/// </summary>
public sealed class ChecklistScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    private const string Sv112 = "Vid akut fara: ring 112";
    private const string Meetings = "Inför offentliga möten";
    private const string Venue = "Gå igenom lokalen med en checklista: in- och utgångar, placering och larm.";
    private const string Guards = "Ordna ordningsvakter där det behövs.";
    private const string CheckIn = "Ordna en avstämning när deltagarna har kommit hem.";

    [Fact]
    public Task Manager_TicksAndSavesMeetingChecklist_SeesTicksAfterComingBack_ThenResets() => RunAsync(async () =>
    {
        var maria = await SignInAsync(People.Manager, freshConversations: true);
        var chat = await maria.OpenPersonalChatAsync();
        // The Playground sends every message as en-US: Maria chooses Swedish herself.
        await chat.SendAsync("svenska");

        var list = await chat.SendAsync("checklista");
        Assert.Equal(Sv112, list.FirstLine);
        Assert.Contains("Checklistor", list.CardLines);
        Assert.Equal(8, list.Buttons.Count);
        Assert.Contains(Meetings, list.Buttons);

        var card = await chat.ClickAsync(list, Meetings);
        Assert.Equal(Sv112, card.FirstLine);
        Assert.Contains(Meetings, card.CardLines);
        Assert.Contains("0 av 5 klara", card.CardLines);
        Assert.True(card.Shows("Källa: SKR, Trygg som förtroendevald"), card.Text);
        Assert.Equal(["Visa alla punkter (2 till)", "Spara", "Återställ", "Prenumerera", "Dela"], card.Buttons);

        await card.TickAsync(Venue);
        await card.TickAsync(Guards);
        card = await chat.ClickAndWaitForChangeAsync(card, "Spara", "Sparat: 2 av 5");
        await ExpectTickedAsync(card, Venue, Guards);

        // Maria closes Teams; later she opens it again.
        await maria.DisposeAsync();
        var later = await SignInAgainAsync(maria);
        chat = await later.OpenPersonalChatAsync();

        list = await chat.SendAsync("checklista");
        var withProgress = $"{Meetings} · 2 av 5 klara";
        Assert.Contains(withProgress, list.Buttons);

        card = await chat.ClickAsync(list, withProgress);
        Assert.Contains("2 av 5 klara", card.CardLines);
        await ExpectTickedAsync(card, Venue, Guards);
        await Expect(Toggle(card, CheckIn)).Not.ToBeCheckedAsync();
        await later.ScreenshotAsync("checklist-public-meetings-sv", showing: card);
        await later.ScreenshotWholeAsync("checklist-public-meetings-sv-whole", card);

        card = await chat.ClickAndWaitForChangeAsync(card, "Återställ", "Återställd: inga punkter är ibockade.");
        Assert.Contains("0 av 5 klara", card.CardLines);
        await Expect(Toggle(card, Venue)).Not.ToBeCheckedAsync();
        await Expect(Toggle(card, Guards)).Not.ToBeCheckedAsync();

        list = await chat.SendAsync("checklista");
        Assert.Contains(Meetings, list.Buttons);
    });

    [Fact]
    public Task Manager_SharesChecklistIntoGroupChat_CleanCopyAppearsThere() => RunAsync(async () =>
    {
        var maria = await SignInAsync(People.Manager, freshConversations: true);
        var personal = await maria.OpenPersonalChatAsync();
        await personal.SendAsync("svenska");

        // Before the bot has seen Maria in any group chat, "Dela" explains how to add it.
        var card = await personal.ClickAsync(await personal.SendAsync("checklista"), "Bevissäkring");
        await card.ClickAsync("Dela");
        await Expect(card.Card.GetByText("Lägg till SupportBot i ett team", new() { Exact = false })).ToBeVisibleAsync();

        // Maria @mentions the bot once in the group chat: now it is a place she can share to.
        var group = await maria.OpenGroupChatAsync();
        await group.MentionBotAsync("hjälp");

        personal = await maria.OpenPersonalChatAsync();
        card = await personal.ClickAsync(await personal.SendAsync("checklista"), "Bevissäkring");
        // The fourth item is folded on arrival (issue 17): Maria unfolds the rest first.
        await card.ClickAsync("Visa alla punkter (2 till)");
        await card.TickAsync("För en logg över allt som händer.");
        await card.ClickAsync("Dela");
        // The Playground sends no name for its group chat (Teams does only for named chats): the card says what it is.
        await card.Card.GetByText("Gruppchatt", new() { Exact = true }).CheckAsync();
        card = await personal.ClickAndWaitForChangeAsync(card, "Posta checklistan", "Postad i Gruppchatt.");
        Assert.True(card.Shows("inte sparade än"), card.Text);

        group = await maria.OpenGroupChatAsync();
        var copy = await group.WaitForBotMessageAsync("Delad av Maria Holm.");
        Assert.Equal(Sv112, copy.FirstLine);
        Assert.Contains("Bevissäkring", copy.CardLines);
        Assert.Equal(["Visa alla punkter (2 till)", "Spara", "Återställ"], copy.Buttons);
        await copy.ClickAsync("Visa alla punkter (2 till)");
        await Expect(Toggle(copy, "För en logg över allt som händer.")).Not.ToBeCheckedAsync();
        await maria.ScreenshotAsync("checklist-shared-group-chat-sv", showing: copy);
    });

    /// <summary>The check box of the item titled <paramref name="item"/> (its visible text; Playwright acts on the box it labels).</summary>
    private static ILocator Toggle(BotMessage card, string item) => card.Card.GetByText(item, new() { Exact = true });

    private static async Task ExpectTickedAsync(BotMessage card, params string[] items)
    {
        foreach (var item in items)
        {
            await Expect(Toggle(card, item)).ToBeCheckedAsync();
        }
    }
}

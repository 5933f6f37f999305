using Microsoft.Playwright;
using SupportBot.EndToEndTests.Harness;
using SupportBot.EndToEndTests.Pages;
using SupportBot.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.EndToEndTests.Scenarios;

/// <summary>
/// The managers' overview (issue 6): Maria, a configured manager of the demo organisation, sees its chart and counts,
/// which match the demo data the bot seeded at start; Karin, who is not a manager, is refused politely.
/// </summary>
public sealed class OverviewScenarios(TeamsFixture teams, ITestOutputHelper output) : Scenario(teams, output)
{
    private const string Sv112 = "Vid akut fara: ring 112";

    [Fact]
    public Task Manager_AsksForOverview_SeesChartAndCountsOfTheSeededData() => RunAsync(async () =>
    {
        var maria = await SignInAsync(People.Manager, freshConversations: true);
        var chat = await maria.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");

        var overview = await chat.SendAsync("översikt");

        Assert.Equal(Sv112, overview.FirstLine);
        Assert.Contains($"Översikt för {TeamsFixture.DemoOrganisationName}", overview.CardLines);
        Assert.True(overview.Shows("Bara antal – inga namn eller beskrivningar."), overview.Text);
        // The organisation's cases: the seeded ones plus whatever Karin (tenant A) reported in earlier scenarios, as stored.
        var stored = await TableScan.CountAsync(Teams.StorageConnectionString, "Incidents", TeamsFixture.DemoOrganisation);
        Assert.True(stored >= TeamsFixture.DemoIncidents, $"{stored} cases stored for {TeamsFixture.DemoOrganisation}");
        Assert.Equal(stored, Fact(overview, "Händelser"));
        // The demo escalates every third incident.
        Assert.True(Fact(overview, "Eskalerade till SKR, öppna") + Fact(overview, "Eskalerade till SKR, avslutade") >= TeamsFixture.DemoIncidents / 3, overview.Text);

        // The chart is a real PNG the browser decoded and laid out across the card.
        var chart = overview.Card.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Stapeldiagram: händelser per månad") });
        await Expect(chart).ToBeVisibleAsync();
        var size = await chart.EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight, Math.round(img.getBoundingClientRect().width)]");
        Assert.Equal(560, size[0]);
        Assert.Equal(300, size[1]);
        Assert.InRange(size[2], 250, 2000);
        Assert.EndsWith($"totalt {stored}.", await chart.GetAttributeAsync("alt"), StringComparison.Ordinal);
        await maria.ScreenshotAsync("overview-sv", showing: overview);
        await maria.ScreenshotWholeAsync("overview-sv-whole", overview);
    });

    /// <summary>The value of the card's fact titled <paramref name="title"/> (facts are title/value line pairs).</summary>
    internal static int Fact(BotMessage card, string title)
    {
        var at = card.CardLines.ToList().IndexOf(title);
        Assert.True(at >= 0 && at + 1 < card.CardLines.Count, $"No fact \"{title}\" on the card:\n{card.Text}");
        return int.Parse(card.CardLines[at + 1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public Task StaffMember_AsksForOverview_IsRefusedPolitely() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");

        var reply = await chat.SendAsync("översikt");

        Assert.True(reply.Shows("Översikten visar en organisations händelser och är till för chefer"), reply.Text);
        Assert.False(reply.Shows(TeamsFixture.DemoOrganisationName), reply.Text);
        if (reply.IsCard)
        {
            await Expect(reply.Card.GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        }
    });
}

using Microsoft.Playwright;
using SupportBot.EndToEndTests.Harness;
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
        Assert.Contains($"Översikt för {TeamsFixture.DemoOrganisation}", overview.CardLines);
        Assert.True(overview.Shows("Bara antal – inga namn eller beskrivningar."), overview.Text);
        // The facts are title/value pairs: the line after "Händelser" is the count.
        var total = overview.CardLines.ToList().IndexOf("Händelser");
        Assert.True(total >= 0, overview.Text);
        Assert.Equal(TeamsFixture.DemoIncidents.ToString(System.Globalization.CultureInfo.InvariantCulture), overview.CardLines[total + 1]);
        // The demo escalates every third incident.
        var open = int.Parse(overview.CardLines[overview.CardLines.ToList().IndexOf("Eskalerade till SKR, öppna") + 1], System.Globalization.CultureInfo.InvariantCulture);
        var closed = int.Parse(overview.CardLines[overview.CardLines.ToList().IndexOf("Eskalerade till SKR, avslutade") + 1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TeamsFixture.DemoIncidents / 3, open + closed);

        // The chart is a real PNG the browser decoded and laid out across the card.
        var chart = overview.Card.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Stapeldiagram: händelser per månad") });
        await Expect(chart).ToBeVisibleAsync();
        var size = await chart.EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight, Math.round(img.getBoundingClientRect().width)]");
        Assert.Equal(560, size[0]);
        Assert.Equal(300, size[1]);
        Assert.InRange(size[2], 250, 2000);
        Assert.EndsWith($"totalt {TeamsFixture.DemoIncidents}.", await chart.GetAttributeAsync("alt"), StringComparison.Ordinal);
        await maria.ScreenshotAsync("overview-sv", showing: overview);
        await maria.ScreenshotWholeAsync("overview-sv-whole", overview);
    });

    [Fact]
    public Task StaffMember_AsksForOverview_IsRefusedPolitely() => RunAsync(async () =>
    {
        var karin = await SignInAsync(People.Staff, freshConversations: true);
        var chat = await karin.OpenPersonalChatAsync();
        await chat.SendAsync("svenska");

        var reply = await chat.SendAsync("översikt");

        Assert.True(reply.Shows("Översikten visar en organisations händelser och är till för chefer"), reply.Text);
        Assert.False(reply.Shows(TeamsFixture.DemoOrganisation), reply.Text);
        if (reply.IsCard)
        {
            await Expect(reply.Card.GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        }
    });
}

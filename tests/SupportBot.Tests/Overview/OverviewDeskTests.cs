using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SkiaSharp;
using SupportBot.Bot.Overview;
using SupportBot.Dialogs.Localization;
using SupportBot.Dialogs.Overview;
using SupportBot.Dialogs.Triage;
using SupportBot.Tests.Cards;

namespace SupportBot.Tests.Overview;

/// <summary>"översikt"/"overview" through the real handler and router: managers see their own organisation, nobody else sees any.</summary>
public sealed class OverviewDeskTests
{
    private static TestAdapter Adapter(string? aad, string locale = "sv-SE", string tenant = TestTenants.A)
    {
        var reference = TestAdapter.CreateConversation("overview-test").InTenant(tenant);
        reference.ChannelId = "msteams";
        reference.Conversation.ConversationType = "personal";
        reference.User.AadObjectId = aad;
        reference.User.Name = "Maria Holm";
        return new TestAdapter(reference) { Locale = locale };
    }

    private static async Task<IMessageActivity> AskAsync(TestBot bot, string text, string? aad, string locale = "sv-SE", string tenant = TestTenants.A)
    {
        var adapter = Adapter(aad, locale, tenant);
        var activity = adapter.MakeActivity(text);
        activity.From.AadObjectId = aad;
        activity.Locale = locale;
        await adapter.ProcessActivityAsync(activity, bot.Handler.OnTurnAsync, CancellationToken.None);
        return (IMessageActivity)adapter.GetNextReply();
    }

    private static string AllText(IMessageActivity reply) => reply.Attachments is { Count: > 0 }
        ? string.Join("\n", JObject.FromObject(reply.Attachments[0].Content).Descendants().OfType<JProperty>()
            .Where(p => p.Name is "text" or "title" or "value" or "altText").Select(p => p.Value.ToString()))
        : reply.Text;

    [Theory]
    [InlineData("översikt", "sv-SE")]
    [InlineData("Översikt", "sv-SE")]
    [InlineData("overview", "en-US")]
    public async Task Overview_Manager_GetsTheirOrganisationsCardWithChartAndCounts(string text, string locale)
    {
        var bot = new TestBot();
        var now = bot.Time.GetUtcNow();
        bot.OverviewData.Data = new OverviewData(
            [new(now.AddDays(-2), Urgency.Hog, "threat"), new(now.AddDays(-40), Urgency.Normal, "online-hate"), new(now.AddDays(-41), Urgency.Normal, "online-hate")],
            [new(now.AddDays(-2), true, now.AddDays(-2).AddMinutes(25))]);

        var reply = await AskAsync(bot, text, TestBot.ManagerAad, locale);

        Assert.Equal([TestTenants.CodeA], bot.OverviewData.Asked);
        var card = JObject.FromObject(reply.Attachments[0].Content);
        var image = card.Descendants().OfType<JObject>().Single(o => (string?)o["type"] == "Image");
        Assert.StartsWith("data:image/png;base64,", (string)image["url"]!, StringComparison.Ordinal);
        var all = AllText(reply);
        Assert.Contains(locale == "en-US" ? "Overview for Uppsala kommun" : "Översikt för Uppsala kommun", all, StringComparison.Ordinal);
        Assert.Contains("112", all, StringComparison.Ordinal);
        Assert.Contains("25 min", all, StringComparison.Ordinal);
        var facts = card.Descendants().OfType<JObject>().Where(o => o["title"] is not null && o["value"] is not null)
            .ToDictionary(o => (string)o["title"]!, o => (string)o["value"]!);
        Assert.Equal("3", facts[locale == "en-US" ? "Incidents" : "Händelser"]);
        var chart = Assert.Single(bot.OverviewChart.Drawn);
        Assert.Equal(12, chart.Labels.Count);
        Assert.Equal(3, chart.Series.Sum(s => s.Values.Sum()));
    }

    [Theory]
    [InlineData("aad-someone-else")]
    [InlineData(null)]
    public async Task Overview_NotAManager_IsRefusedPolitelyAndNothingIsRead(string? aad)
    {
        var bot = new TestBot();

        var reply = await AskAsync(bot, "översikt", aad);

        Assert.Empty(bot.OverviewData.Asked);
        var all = AllText(reply);
        Assert.Contains("Översikten visar en organisations händelser", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Uppsala", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_TheManagersIdsFromAnotherTenant_AreRefused()
    {
        var bot = new TestBot();

        var reply = await AskAsync(bot, "översikt", TestBot.ManagerAad, tenant: TestTenants.B);

        Assert.Empty(bot.OverviewData.Asked);
        Assert.DoesNotContain("Uppsala", AllText(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void ManagerDirectory_ManagerOfOneOrganisation_NeverGetsAnother()
    {
        var directory = new ManagerDirectory(
            TestTenants.Directory,
            [
                new("aad-a", TestTenants.A, TestTenants.CodeA),
                new("AAD-B", TestTenants.B.ToUpperInvariant(), " 1441 "),
                new(" ", TestTenants.A, TestTenants.CodeA),
                new("aad-c", TestTenants.A, ""),
                new("aad-d", TestTenants.A, TestTenants.CodeB1),
                new("aad-e", TestTenants.Stranger, TestTenants.CodeA),
            ]);

        Assert.Equal(TestTenants.CodeA, directory.OrganisationFor(new ChannelAccount { AadObjectId = "aad-a" }, TestTenants.A)?.Code);
        Assert.Equal("Lerums kommun", directory.OrganisationFor(new ChannelAccount { AadObjectId = "aad-b" }, TestTenants.B)?.Name);
        Assert.Null(directory.OrganisationFor(new ChannelAccount { AadObjectId = "aad-a" }, TestTenants.B));
        Assert.Null(directory.OrganisationFor(new ChannelAccount { AadObjectId = "aad-a" }, null));
        Assert.Null(directory.OrganisationFor(new ChannelAccount { AadObjectId = "aad-c" }, TestTenants.A));
        Assert.Null(directory.OrganisationFor(new ChannelAccount { AadObjectId = "aad-d" }, TestTenants.A));
        Assert.Null(directory.OrganisationFor(new ChannelAccount { AadObjectId = "aad-e" }, TestTenants.Stranger));
        Assert.Null(directory.OrganisationFor(new ChannelAccount { AadObjectId = " " }, TestTenants.A));
        Assert.Null(directory.OrganisationFor(new ChannelAccount { Id = "aad-a" }, TestTenants.A));
        Assert.Null(directory.OrganisationFor(null, TestTenants.A));
    }

    public static TheoryData<int, string, string> Durations() => new()
    {
        // minutes → Swedish, English.
        { 0, "0 min", "0 min" },
        { 45, "45 min", "45 min" },
        { 125, "2 h 5 min", "2 h 5 min" },
        { (3 * 24 * 60) + (4 * 60) + 10, "3 d 4 h", "3 d 4 h" },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Duration_Minutes_IsShortAndReadable(int minutes, string sv, string en)
    {
        var cards = new OverviewCards(TextCatalog.Default, SupportBot.Cards.CardLibrary.Default, GuidanceContent.Default, SupportBot.Dialogs.Engine.FlowCatalog.Default);

        Assert.Equal(sv, cards.Duration(TimeSpan.FromMinutes(minutes), UserLanguage.Swedish));
        Assert.Equal(en, cards.Duration(TimeSpan.FromMinutes(minutes), UserLanguage.English));
        Assert.Equal("–", cards.Duration(null, UserLanguage.Swedish));
    }

    [Fact]
    public void RenderPng_BusyYear_IsAPaletteImageOfTheAskedSizeSmallEnoughForACard()
    {
        var cards = new OverviewCards(TextCatalog.Default, SupportBot.Cards.CardLibrary.Default, GuidanceContent.Default, SupportBot.Dialogs.Engine.FlowCatalog.Default);
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var incidents = Enumerable.Range(0, 500).Select(i => new OverviewCase(now.AddHours(-i * 17), (Urgency)(i % 4), "threat")).ToList();
        var spec = cards.Chart(OverviewStats.From(new OverviewData(incidents, []), now, CardSamples.Calendar.TimeZone), UserLanguage.Swedish);

        var png = new OverviewChart().RenderPng(spec);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((560, 300), (bitmap.Width, bitmap.Height));
        Assert.Equal(3, png[25]); // IHDR colour type: palette
        Assert.InRange(png.Length, 1_000, 14_000);
        Directory.CreateDirectory(Path.Combine(SupportBot.Testing.RepoPaths.Root, "test-results"));
        File.WriteAllBytes(Path.Combine(SupportBot.Testing.RepoPaths.Root, "test-results", "overview-chart-busy.png"), png);
    }

    [Fact]
    public void IndexedPng_FewColours_DecodesToExactlyTheSamePixels()
    {
        using var source = new SKBitmap(37, 11);
        var colours = new[] { SKColors.White, new SKColor(0xC4, 0x31, 0x4B), new SKColor(0x4F, 0x6B, 0xED), SKColors.Black };
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                source.SetPixel(x, y, colours[((x / 3) + y) % colours.Length]);
            }
        }

        using var decoded = SKBitmap.Decode(IndexedPng.Encode(source));

        Assert.Equal((37, 11), (decoded.Width, decoded.Height));
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                Assert.Equal(source.GetPixel(x, y), decoded.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void IndexedPng_MoreThan256Colours_MapsTheRareOnesToTheNearest()
    {
        using var source = new SKBitmap(300, 2);
        for (var x = 0; x < source.Width; x++)
        {
            // Row 0: a frequent white/red pattern; row 1: 300 distinct greys, each once.
            source.SetPixel(x, 0, x % 2 == 0 ? SKColors.White : SKColors.Red);
            source.SetPixel(x, 1, new SKColor((byte)(x * 255 / 299), (byte)(x * 255 / 299), (byte)((x * 255 / 299) ^ (x & 1))));
        }

        using var decoded = SKBitmap.Decode(IndexedPng.Encode(source));

        var palette = Enumerable.Range(0, source.Width).SelectMany(x => new[] { decoded.GetPixel(x, 0), decoded.GetPixel(x, 1) }).Distinct().ToList();
        Assert.InRange(palette.Count, 2, 256);
        static int Distance(SKColor a, SKColor b) => ((a.Red - b.Red) * (a.Red - b.Red)) + ((a.Green - b.Green) * (a.Green - b.Green)) + ((a.Blue - b.Blue) * (a.Blue - b.Blue));
        for (var x = 0; x < source.Width; x++)
        {
            Assert.Equal(source.GetPixel(x, 0), decoded.GetPixel(x, 0));
            var (want, got) = (source.GetPixel(x, 1), decoded.GetPixel(x, 1));
            Assert.Equal(palette.Min(c => Distance(want, c)), Distance(want, got));
        }
    }
}

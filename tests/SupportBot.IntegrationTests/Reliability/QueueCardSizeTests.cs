using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Bot.Escalations;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Testing;
using SupportBot.Storage.Escalations;

namespace SupportBot.IntegrationTests.Reliability;

/// <summary>
/// "mina ärenden" for an adviser with 500 open cases whose organisation names are as long and as awkward as input allows:
/// every page is a card under Teams' 28 KB, 25 cases each, most urgent then oldest first, and the buttons page through all.
/// </summary>
public sealed class QueueCardSizeTests : IAsyncLifetime
{
    private const int Cases = 500;
    private const int TeamsLimitBytes = 28 * 1024;
    private const string AdviserAad = "00000000-0000-4000-8000-0000000ad715";

    private Azurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task AdviserQueue_FiveHundredLongNamedCases_EveryPageUnder28KbAndAllReachable()
    {
        var escalations = new EscalationRepository(TableClients.FromConnectionString(_azurite.ConnectionString));
        var now = DateTimeOffset.UtcNow;
        var urgencies = new[] { Urgency.Akut, Urgency.Hog, Urgency.Normal, Urgency.Forebyggande };
        await Parallel.ForEachAsync(Enumerable.Range(1, Cases), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            // A long name full of characters that grow when escaped or defanged ([.] , \*, \u-escapes in JSON).
            var name = string.Concat(Enumerable.Repeat($"Å*[ö]_kommun.se/{i}<x>&\"", 20))[..200];
            var record = new EscalationRecord(
                "HH-2026-" + i.ToString("0000", CultureInfo.InvariantCulture), "org-" + (i % 37).ToString(CultureInfo.InvariantCulture), "safety", "threats-hate-violence",
                "rule", "skäl", "reason", "reporter-" + i.ToString(CultureInfo.InvariantCulture), now.AddSeconds(-i), EscalationStatus.New)
            {
                OrganisationName = name,
                Urgency = urgencies[i % urgencies.Length],
            };
            Assert.True(await escalations.SubmitAsync(record, [], ct));
        });

        await using var factory = new BotFactory(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Support:Advisers:0:AadObjectId"] = AdviserAad,
            ["Support:Advisers:0:TenantId"] = TeamsActivities.TenantId,
            ["Teams:ServiceUrl"] = "http://127.0.0.1:9/", // nothing leaves the machine
        });
        using var client = factory.CreateClient();
        var conversation = "a:queue-" + Guid.NewGuid().ToString("N");

        var seen = new List<string>();
        var sizes = new List<int>();
        var card = await AskAsync(client, Adviser(TeamsActivities.Message(conversation, "mina ärenden")), sizes);
        for (var page = 0; page < 100; page++)
        {
            var numbers = Strings(card).Where(s => s.StartsWith("HH-", StringComparison.Ordinal) && s.Length <= 14).ToList();
            Assert.InRange(numbers.Count, 1, 25);
            seen.AddRange(numbers);
            var next = NextPage(card);
            if (next is null)
            {
                break;
            }

            var click = TeamsActivities.Message(conversation, string.Empty);
            click.Remove("text");
            click["value"] = new JsonObject { ["verb"] = "mycases", ["value"] = next };
            card = await AskAsync(client, Adviser(click), sizes);
        }

        ReliabilityFigures.Record("largest queue card with 500 cases (bytes)", sizes.Max());
        ReliabilityFigures.Record("queue cards over 28 KB with 500 cases", sizes.Count(s => s >= TeamsLimitBytes), required: 0);
        Assert.All(sizes, s => Assert.True(s < TeamsLimitBytes, $"a queue card is {s} bytes"));
        Assert.Equal(Cases / 25, sizes.Count);
        Assert.Equal(Cases, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(25, seen.Take(25).Count());

        // The first page holds the most urgent (AKUT), oldest first.
        var first = seen.Take(25).Select(n => int.Parse(n[8..], CultureInfo.InvariantCulture)).ToList();
        Assert.All(first, n => Assert.Equal(0, n % urgencies.Length));
        Assert.Equal(first.OrderByDescending(n => n), first);
    }

    private static JsonObject Adviser(JsonObject activity)
    {
        activity["from"] = new JsonObject { ["id"] = "29:adviser", ["name"] = "Greta Berg", ["aadObjectId"] = AdviserAad };
        return activity;
    }

    /// <summary>The reply's card; its size is the whole reply activity as sent to Teams (UTF-8 JSON).</summary>
    private static async Task<JsonNode> AskAsync(HttpClient client, JsonObject activity, List<int> sizes)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray())!;
        sizes.Add(Encoding.UTF8.GetByteCount(reply.ToJsonString()));
        return reply["attachments"]![0]!["content"]!;
    }

    private static string? NextPage(JsonNode card)
    {
        var next = SupportBot.Dialogs.Localization.TextCatalog.Default.Get(SupportBot.Dialogs.Localization.UserLanguage.Swedish, "limits.queueNext");
        return Nodes(card).OfType<JsonObject>()
            .Where(o => o["title"]?.GetValue<string>() == next && o["data"]?["verb"]?.GetValue<string>() == "mycases")
            .Select(o => o["data"]!["value"]!.GetValue<string>())
            .FirstOrDefault();
    }

    private static IEnumerable<string> Strings(JsonNode card) =>
        Nodes(card).OfType<JsonObject>().Where(o => o["data"]?["verb"]?.GetValue<string>() == "case.open").Select(o => o["data"]!["case"]!.GetValue<string>());

    private static IEnumerable<JsonNode> Nodes(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var n in Nodes(child))
            {
                yield return n;
            }
        }
    }
}

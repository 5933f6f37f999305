using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Bot.Escalations;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Testing;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Reliability;

/// <summary>
/// Two bot processes on one Azurite, many conversations through both at once: every turn alternates between the
/// instances, each conversation also sends two answers to the same question at the same moment to different instances,
/// and two advisers take each escalated case at the same moment on different instances. Expected: no lost update, no
/// duplicate case number, exactly one adviser holds each case and the other is told so, and every ETag conflict is
/// answered clearly. <c>RELIABILITY_CONVERSATIONS</c> sets the load (CI uses the default).
/// </summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private const string GretaAad = "00000000-0000-4000-8000-0000000000b1";
    private const string AnnaAad = "00000000-0000-4000-8000-0000000000b2";
    private const string Stale = "Den frågan är redan besvarad.";
    private const string Conflict = "Två svar kom samtidigt";

    private static readonly string[] s_before = ["danger=no", "what=threat", "channel=email", "targets=official", "markers=weapons"];
    private static readonly string[] s_after = ["reported=no", "role=yes", "when=yesterday"];

    private readonly ConcurrentBag<HttpStatusCode> _statuses = [];
    /// <summary>The organisation of the test tenant (an SCB code); every conversation's case is filed under it.</summary>
    private static readonly string Organisation = TestOrganisations.Default.Code;

    private Azurite _azurite = null!;
    private BotProcess[] _bots = [];
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int _turns;
    private int _conflictsAnswered;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            // The test tenant reports for one organisation: the triage never asks which.
            ["Support__Tenants__0__TenantId"] = TeamsActivities.TenantId,
            ["Support__Tenants__0__Organisations__0"] = Organisation,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__ConnectionString"] = _azurite.ConnectionString,
            ["Support__Advisers__0__AadObjectId"] = GretaAad,
            ["Support__Advisers__0__TenantId"] = TeamsActivities.TenantId,
            ["Support__Advisers__1__AadObjectId"] = AnnaAad,
            ["Support__Advisers__1__TenantId"] = TeamsActivities.TenantId,
            // Nobody to deliver to here: the outbox must not spend the test's CPU on retries.
            ["Teams__OutboxPollSeconds"] = "300",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        _bots = await Task.WhenAll(BotProcess.StartAsync(BotDll(), environment), BotProcess.StartAsync(BotDll(), environment));
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    private static string BotDll()
    {
        var configuration = typeof(TwoInstanceTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";
        return Path.Combine(RepoPaths.Root, "bot", "bin", configuration, "net10.0", "SupportBot.Bot.dll");
    }

    private static int Load => int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_CONVERSATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 12;

    private async Task<JsonNode?> PostAsync(int instance, JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await s_http.PostAsync(new Uri($"http://127.0.0.1:{_bots[instance % 2].Port}/api/messages"), content);
        _statuses.Add(response.StatusCode);
        Interlocked.Increment(ref _turns);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static string Text(JsonNode? reply) => reply?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? string.Empty;

    private static JsonObject Click(string conversation, string step, string value)
    {
        var activity = TeamsActivities.Message(conversation, string.Empty);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = "answer", ["step"] = step, ["value"] = value };
        return activity;
    }

    /// <summary>One conversation's triage and escalation; returns its case number and the answer to "repeated" the bot acknowledged.</summary>
    private async Task<(string CaseNumber, string Organisation, string Repeated)> ConverseAsync(int index)
    {
        var conversation = $"a:two-{index}-{Guid.NewGuid():N}";
        var organisation = Organisation;
        var turn = index;
        await PostAsync(turn++, TeamsActivities.Message(conversation, "rapportera"));
        foreach (var click in s_before)
        {
            await PostAsync(turn++, Click(conversation, click.Split('=')[0], click.Split('=')[1]));
        }

        // Two answers to the same question at the same moment, one to each instance.
        var pair = await Task.WhenAll(PostAsync(0, Click(conversation, "repeated", "yes")), PostAsync(1, Click(conversation, "repeated", "no")));
        var texts = pair.Select(Text).ToArray();
        // The loser of a write race may already have sent the next question before its save failed: its answer ends
        // with the conflict message, so only an answer without it (and not the "already answered" prompt) counts.
        var acknowledged = Enumerable.Range(0, 2).Where(i =>
            texts[i].Contains("\"step\":\"reported\"", StringComparison.Ordinal)
            && !texts[i].Contains(Stale, StringComparison.Ordinal)
            && !texts[i].Contains(Conflict, StringComparison.Ordinal)).ToList();
        _conflictsAnswered += texts.Count(t => t.Contains(Conflict, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.True(t.Contains("\"step\":\"reported\"", StringComparison.Ordinal) || t.Contains(Conflict, StringComparison.Ordinal), t));
        var repeated = Assert.Single(acknowledged) == 0 ? "yes" : "no";

        foreach (var click in s_after)
        {
            await PostAsync(turn++, Click(conversation, click.Split('=')[0], click.Split('=')[1]));
        }

        await PostAsync(turn++, Click(conversation, "reporter-role", "security-officer"));
        await PostAsync(turn++, Click(conversation, "wellbeing", "worried"));
        await PostAsync(turn++, Click(conversation, "consent", "yes"));
        var guidance = Text(await PostAsync(turn++, Click(conversation, "description", string.Empty)));
        var caseNumber = System.Text.RegularExpressions.Regex.Match(guidance, @"HH-\d{4}(?:-\d{2}|-\d{4})?-\d{4}").Value;
        Assert.NotEmpty(caseNumber);

        var escalate = TeamsActivities.Message(conversation, string.Empty);
        escalate.Remove("text");
        escalate["value"] = new JsonObject { ["verb"] = "escalate", ["value"] = caseNumber };
        await PostAsync(turn, escalate);
        return (caseNumber, organisation, repeated);
    }

    private static JsonObject Take(string adviserAad, string organisationKey, string caseNumber, int version)
    {
        var activity = TeamsActivities.Message("a:adviser-" + adviserAad, string.Empty);
        activity.Remove("text");
        activity.Remove("deliveryMode");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["from"] = new JsonObject { ["id"] = "29:" + adviserAad, ["name"] = "Rådgivare", ["aadObjectId"] = adviserAad };
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = CaseCommand.Take,
                ["data"] = new JsonObject { ["org"] = organisationKey, ["case"] = caseNumber, ["version"] = version },
            },
            ["trigger"] = "manual",
        };
        return activity;
    }

    [Fact]
    public async Task ManyConversationsThroughTwoInstances_NoLostUpdateNoDuplicateCaseOneAdviserPerCase()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Load).Select(ConverseAsync));

        var tables = TableClients.FromConnectionString(_azurite.ConnectionString);
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var escalations = new EscalationRepository(tables);
        var lostUpdates = 0;
        foreach (var (caseNumber, organisation, repeated) in results)
        {
            var record = await incidents.GetAsync(TestOrganisations.KeyOf(organisation), caseNumber, CancellationToken.None);
            Assert.NotNull(record);
            lostUpdates += record.Answers.GetValueOrDefault("repeated") == repeated ? 0 : 1;
        }

        var duplicates = results.Length - results.Select(r => r.CaseNumber).Distinct().Count();

        // Two advisers take every case at the same moment, each through another instance.
        var doubleHolders = 0;
        var toldSo = 0;
        foreach (var (caseNumber, organisation, _) in results)
        {
            var key = TestOrganisations.KeyOf(organisation);
            var escalation = await escalations.GetAsync(key, caseNumber, CancellationToken.None);
            Assert.NotNull(escalation);
            var answers = await Task.WhenAll(
                PostAsync(0, Take(GretaAad, key, caseNumber, escalation.Version)),
                PostAsync(1, Take(AnnaAad, key, caseNumber, escalation.Version)));
            var after = await escalations.GetAsync(key, caseNumber, CancellationToken.None);
            Assert.Equal(EscalationStatus.Taken, after!.Status);
            var stale = answers.Count(a => Text(a).Contains("Ärendet har ändrats sedan kortet visades", StringComparison.Ordinal));
            toldSo += stale;
            doubleHolders += stale == 1 ? 0 : 1;
        }

        var fiveHundreds = _statuses.Count(s => (int)s >= 500);
        ReliabilityFigures.Record("turns driven through two instances", _turns);
        ReliabilityFigures.Record("lost updates", lostUpdates, required: 0);
        ReliabilityFigures.Record("duplicate case numbers", duplicates, required: 0);
        ReliabilityFigures.Record("cases held by both advisers", doubleHolders, required: 0);
        ReliabilityFigures.Record("concurrent answers refused clearly", _conflictsAnswered);
        ReliabilityFigures.Record("two-instance 500s", fiveHundreds, required: 0);
        Assert.Equal(0, lostUpdates);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, doubleHolders);
        Assert.Equal(results.Length, toldSo);
        Assert.Equal(0, fiveHundreds);
    }
}

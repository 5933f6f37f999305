using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SupportBot.Bot.Telemetry;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Telemetry;

/// <summary>
/// A whole triage, an escalation, the advisers' notification and an adviser taking the case, over HTTP against the real
/// host and Azurite, with every log record (Trace level, scopes included) and everything the OpenTelemetry pipeline
/// would export captured: the reporter's free text, names, e-mail addresses, the advisers' configured names, e-mails
/// and phones, and the organisation never appear; the expected metrics do, tagged from closed sets.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed partial class NoPersonalDataInTelemetryTests(AzuriteFixture azurite)
{
    private const string ReporterName = "Yrsa Quillfeather";
    private const string ReporterEmail = "yrsa.quillfeather@zorblaxby.example";
    private const string Description = "Hotbrev från Vexmoorgruppen vid Ormtungatorget, mejla " + ReporterEmail;
    private const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000c1";
    private const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000c2";

    private static readonly (string Name, string Email, string Phone)[] s_advisers =
    [
        ("Fenna Drakenvik", "fenna.drakenvik@skl-test.example", "08-555 01 77"),
        ("Ottar Lindqvarn", "ottar.lindqvarn@skl-test.example", "08-555 02 88"),
    ];

    private static readonly string[] s_activityTypes = ["message", "invoke", "conversationUpdate", "installationUpdate", "other"];

    private static readonly string[] s_clicks =
    [
        "danger=no", "what=threat", "channel=letter", "targets=official", "markers=none", "repeated=yes",
        "reported=no", "role=yes", "when=yesterday",
    ];

    /// <summary>Whole values and their distinctive parts (a name split into words, a phone without spaces).</summary>
    private static IEnumerable<string> Forbidden()
    {
        string[] whole = [ReporterName, ReporterEmail, Description, "Vexmoorgruppen", "Ormtungatorget"];
        foreach (var value in whole.Concat(s_advisers.SelectMany(a => new[] { a.Name, a.Email, a.Phone })))
        {
            yield return value;
            foreach (var word in value.Split([' ', '@', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 5 && !w.All(char.IsDigit)))
            {
                yield return word;
            }
        }

        foreach (var (_, _, phone) in s_advisers)
        {
            yield return phone.Replace(" ", string.Empty, StringComparison.Ordinal);
            yield return phone[3..];
        }
    }

    [Fact]
    public async Task TriageAndEscalation_OverHttp_NoPersonalDataInLogsTracesOrMetrics_AndMetricsRecorded()
    {
        using var connector = new FakeConnector();
        var logs = new CapturingLoggerProvider();
        // Spans, metric exports and log records arrive on exporter, timer and background-service threads while the
        // test reads them (the outbox keeps polling), so each is captured thread-safely and read as a snapshot.
        var spans = new RecordedCollection<Activity>();
        var metrics = new RecordedCollection<MetricSnapshot>();
        var exportedLogs = new ConcurrentQueue<ExportedLog>();
        var settings = new Dictionary<string, string?> { ["Teams:OutboxPollSeconds"] = "1" };
        for (var i = 0; i < s_advisers.Length; i++)
        {
            settings[$"Support:Advisers:{i}:Name"] = s_advisers[i].Name;
            settings[$"Support:Advisers:{i}:Email"] = s_advisers[i].Email;
            settings[$"Support:Advisers:{i}:Phone"] = s_advisers[i].Phone;
            settings[$"Support:Advisers:{i}:AadObjectId"] = i == 0 ? SafetyAdviserAad : ThreatsAdviserAad;
            settings[$"Support:Advisers:{i}:TenantId"] = TeamsActivities.TenantId;
        }

        await using var factory = new BotFactory(azurite.ConnectionString, settings).WithWebHostBuilder(builder => builder
            .ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace))
            .ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
                services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(new SnapshotLogExporter(exportedLogs))));
            }));
        using var client = factory.CreateClient();

        // Exact counts come from this host's meters only (scoped to its IMeterFactory): the OpenTelemetry exporter also
        // sees meters of the same name in other hosts that run in parallel in this process.
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        using var started = new MetricCollector<long>(meterFactory, SupportBotMetrics.MeterName, "supportbot.triages.started");
        using var completedCounts = new MetricCollector<long>(meterFactory, SupportBotMetrics.MeterName, "supportbot.triages.completed");
        using var escalatedCounts = new MetricCollector<long>(meterFactory, SupportBotMetrics.MeterName, "supportbot.escalations");
        using var notificationDurations = new MetricCollector<double>(meterFactory, SupportBotMetrics.MeterName, "supportbot.notification.duration");

        // The advisers have written to the bot once, so their notifications go to their stored 1:1 chats.
        var adviserChats = new[] { "a:adviser-0-" + Guid.NewGuid().ToString("N"), "a:adviser-1-" + Guid.NewGuid().ToString("N") };
        for (var i = 0; i < s_advisers.Length; i++)
        {
            await PostAsync(client, From(TeamsActivities.Message(adviserChats[i], "hej"), connector, s_advisers[i].Name, i == 0 ? SafetyAdviserAad : ThreatsAdviserAad));
        }

        // The reporter: a whole triage, free-text description included, then "Be SKR:s rådgivare om råd" (the organisation comes from the tenant).
        var reporterAad = Guid.NewGuid().ToString();
        var chat = "a:reporter-" + Guid.NewGuid().ToString("N");
        JsonObject Reporter(JsonObject activity) => From(activity, connector, ReporterName, reporterAad);
        await PostAsync(client, Reporter(TeamsActivities.Message(chat, "rapportera")));
        foreach (var click in s_clicks)
        {
            await PostAsync(client, Reporter(Click(chat, click.Split('=')[0], click.Split('=')[1])));
        }

        await PostAsync(client, Reporter(Click(chat, "reporter-role", "security-officer")));
        await PostAsync(client, Reporter(Click(chat, "wellbeing", "worried")));
        await PostAsync(client, Reporter(Click(chat, "consent", "yes")));
        var guidance = await PostAsync(client, Reporter(TeamsActivities.Message(chat, Description)));
        var caseNumber = CaseNumber().Match(guidance.ToJsonString()).Value;
        Assert.False(string.IsNullOrEmpty(caseNumber), "The guidance card shows a case number.");
        var escalate = Click(chat, "escalate", caseNumber);
        escalate["value"]!.AsObject().Remove("step");
        await PostAsync(client, Reporter(escalate));

        // The case has a description: the first click shows what the advisers will see, the second sends it.
        var confirmed = Click(chat, "escalate", caseNumber);
        confirmed["value"]!.AsObject().Remove("step");
        confirmed["value"]!["verb"] = "escalateconfirmed";
        await PostAsync(client, Reporter(confirmed));

        // The outbox delivers the new case to an adviser; that adviser takes it, and the reporter is told.
        await WaitForAsync(() => connector.Requests.Any(r => adviserChats.Any(c => r.Contains(Uri.EscapeDataString(c), StringComparison.Ordinal) || r.Contains(c, StringComparison.Ordinal))));
        await PostInvokeAsync(client, Take(adviserChats[0], connector, caseNumber));
        await WaitForAsync(() => connector.Requests.Any(r => r.Contains(Uri.EscapeDataString(chat), StringComparison.Ordinal) || r.Contains(chat, StringComparison.Ordinal)));

        // A delivery is measured when the connector has answered, a moment after it got the request: wait for both
        // measurements before the exporter is flushed (otherwise the second can miss the flush).
        await WaitForAsync(() => notificationDurations.GetMeasurementSnapshot().Count(m => Equals(m.Tags.GetValueOrDefault("outcome"), "delivered")) >= 2);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var points = MetricReading.Points(metrics.Snapshot()).ToList();

        // Nothing personal anywhere: log messages, named values, scopes, exceptions; exported logs; spans; metric tags.
        var logRecords = logs.Records.ToList();
        var spanSnapshot = spans.Snapshot();
        var exportedSnapshot = exportedLogs.ToList();
        Assert.NotEmpty(logRecords);
        Assert.NotEmpty(spanSnapshot);
        var places = new List<(string Where, string Text)>();
        places.AddRange(logRecords.SelectMany(r => r.Texts().Select(t => ($"log {r.Category} {r.EventId}", t))));
        places.AddRange(exportedSnapshot.SelectMany(r => r.Texts.Select(t => ($"exported log {r.Category}", t))));
        places.AddRange(spanSnapshot.SelectMany(s => SpanTexts.Of(s).Select(t => ($"span {s.DisplayName}", t))));
        places.AddRange(points.SelectMany(p => p.Tags.Select(t => ($"metric {p.Metric}", t.Key + "=" + t.Value))));
        foreach (var forbidden in Forbidden())
        {
            var leak = places.FirstOrDefault(p => p.Text.Contains(forbidden, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak.Where is null, $"'{forbidden}' appears in {leak.Where}: {leak.Text}");
        }

        // Exported log records carry templates and named values, never a rendered message or scopes.
        Assert.NotEmpty(exportedSnapshot);
        Assert.All(exportedSnapshot, r => Assert.Null(r.FormattedMessage));
        Assert.All(exportedSnapshot, r => Assert.False(r.HasScopes));

        // The metrics of the journey, with tags from closed sets.
        string[] urgencies = ["AKUT", "HOG", "NORMAL", "FOREBYGGANDE"];
        Assert.True(Sum(points, "supportbot.turns", "activity.type", "message") >= 1 + s_clicks.Length + 4);
        Assert.True(Sum(points, "supportbot.turns", "activity.type", "invoke") >= 1);
        Assert.Equal(1, started.GetMeasurementSnapshot().EvaluateAsCounter());
        var completed = Assert.Single(completedCounts.GetMeasurementSnapshot());
        Assert.Contains((string?)completed.Tags["urgency"], urgencies);
        Assert.Equal(1, completed.Value);
        var escalated = Assert.Single(escalatedCounts.GetMeasurementSnapshot());
        Assert.Equal(completed.Tags["urgency"], escalated.Tags["urgency"]);
        Assert.Equal(1, escalated.Value);
        Assert.Contains(points, p => p.Metric == "supportbot.triages.completed"); // and the exporter got them too
        Assert.True(Sum(points, "supportbot.notification.duration", "outcome", "delivered") >= 2);
        Assert.All(points.Where(p => p.Metric == "supportbot.turns"), p => Assert.Contains(p.Tags["activity.type"], s_activityTypes));
    }

    private static double Sum(IEnumerable<(string Metric, IReadOnlyDictionary<string, string> Tags, double Value)> points, string metric, string? tag = null, string? value = null) =>
        points.Where(p => p.Metric == metric && (tag is null || (p.Tags.TryGetValue(tag, out var v) && v == value))).Sum(p => p.Value);

    /// <summary>The activity as sent by this person, with proactive messages to them going to the fake connector.</summary>
    private static JsonObject From(JsonObject activity, FakeConnector connector, string name, string aadObjectId)
    {
        activity["serviceUrl"] = connector.ServiceUrl;
        activity["from"] = new JsonObject { ["id"] = "29:" + aadObjectId, ["name"] = name, ["aadObjectId"] = aadObjectId };
        return activity;
    }

    private static JsonObject Click(string conversation, string step, string value)
    {
        var activity = TeamsActivities.Message(conversation, string.Empty);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = step == "escalate" ? "escalate" : "answer", ["step"] = step, ["value"] = value };
        return activity;
    }

    private static JsonObject Take(string conversation, FakeConnector connector, string caseNumber)
    {
        var activity = From(TeamsActivities.Message(conversation, string.Empty), connector, s_advisers[0].Name, SafetyAdviserAad);
        activity.Remove("text");
        activity.Remove("textFormat");
        activity.Remove("deliveryMode");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = CaseCommand.Take,
                ["data"] = new JsonObject { ["org"] = TestOrganisations.Default.Code, ["case"] = caseNumber, ["version"] = 1 },
            },
            ["trigger"] = "manual",
        };
        return activity;
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        return replies.Count > 0 ? replies[^1]! : new JsonObject();
    }

    private static async Task PostInvokeAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("Taget av " + s_advisers[0].Name, body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the outbox to deliver (and the delivery to be measured).");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("[A-Z]{2}-\\d{4}(?:-\\d{2}|-\\d{4})?-\\d{4}")]
    private static partial Regex CaseNumber();
}

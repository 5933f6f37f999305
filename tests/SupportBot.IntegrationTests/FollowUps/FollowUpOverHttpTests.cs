using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SupportBot.Bot.Escalations;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.FollowUps;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;

namespace SupportBot.IntegrationTests.FollowUps;

/// <summary>
/// Follow-ups through the bot's real pipeline on Azurite, with a fake clock: a HÖG case reported on 22 December gets its
/// cards on office days 2, 14 and 20 (jul, nyår and trettondedag do not count), the answers are stored on the case, "något
/// nytt har hänt" re-opens the closed escalation and reaches the adviser with the follow-up line, an over-long note is
/// refused kindly with nothing stored, and "Stäng av uppföljning" stops the cards that are left.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed partial class FollowUpOverHttpTests(AzuriteFixture azurite)
{
    private const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000f1";
    private const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000f2";

    /// <summary>Replies as text with å, ä, ö as they are (not \u escapes), to look for sentences in them.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions s_readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly TimeZoneInfo s_stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private static readonly string[] s_clicks =
    [
        "danger=no", "what=threat", "channel=letter", "targets=official", "markers=weapons", "repeated=no",
        "reported=no", "role=yes", "when=yesterday", "reporter-role=security-officer", "wellbeing=worried", "consent=yes",
    ];

    private readonly ConcurrentQueue<(string Person, string Card)> _sent = new();

    [Fact]
    public async Task HogCase_FollowUpsOnOfficeDays_AnswersStored_NewEventReopens_TurnOffStops()
    {
        var time = new FakeTimeProvider(Local(2026, 12, 22, 10, 0));
        await using var factory = new BotFactory(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Support:FollowUps:OfficeDays:0"] = "2",
            ["Support:FollowUps:OfficeDays:1"] = "14",
            ["Support:FollowUps:OfficeDays:2"] = "20",
            // The test drives the follow-up passes itself; the background loop only runs its first (empty) pass.
            ["Support:FollowUps:CheckSeconds"] = "3600",
            ["Support:Advisers:0:AadObjectId"] = SafetyAdviserAad,
            ["Support:Advisers:0:TenantId"] = TeamsActivities.AdviserTenantId,
            ["Support:Advisers:1:AadObjectId"] = ThreatsAdviserAad,
            ["Support:Advisers:1:TenantId"] = TeamsActivities.AdviserTenantId,
        }).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton(Messenger().Object);
        }));
        using var client = factory.CreateClient();
        var reporter = Guid.NewGuid().ToString();
        var conversation = "a:follow-up-" + Guid.NewGuid().ToString("N");
        var processor = factory.Services.GetRequiredService<FollowUpProcessor>();
        var followUps = factory.Services.GetRequiredService<IFollowUpStore>();
        var escalations = factory.Services.GetRequiredService<IEscalationStore>();

        // Tuesday 22 December, 10:00: a threat with weapons is reported (HÖG) and sent to the advisers.
        await PostAsync(client, From(TeamsActivities.Message(conversation, "rapportera"), reporter));
        JsonNode? guidance = null;
        foreach (var click in s_clicks.Append("description="))
        {
            guidance = await PostAsync(client, Click(conversation, reporter, "answer", click.Split('=')[1], click.Split('=')[0]));
        }

        var caseNumber = CaseNumber().Match(guidance!.ToJsonString()).Value;
        var record = (await factory.Services.GetRequiredService<ICaseStore>().GetForReporterAsync(reporter, caseNumber, CancellationToken.None))!;
        Assert.Equal(Urgency.Hog, record.Urgency);
        await PostAsync(client, Click(conversation, reporter, "escalate", caseNumber));
        Assert.NotNull(await escalations.GetAsync(record.OrganisationKey, caseNumber, CancellationToken.None));

        // Two office days later: not Wednesday 23 (one), not julafton–annandag jul or the weekend; Monday 28 at 08:00.
        var scheduled = (await followUps.GetAsync(record.OrganisationKey, caseNumber, CancellationToken.None))!;
        Assert.Equal(Local(2026, 12, 28, 8, 0), scheduled.NextDueAt);
        // (Counts are this reporter's cards: other tests' follow-ups share the table and may be due at these times too.)
        time.SetUtcNow(Local(2026, 12, 28, 7, 59));
        await processor.ProcessDueAsync(CancellationToken.None);
        Assert.Empty(FollowUpCards(reporter));
        time.SetUtcNow(Local(2026, 12, 28, 8, 0));
        await processor.ProcessDueAsync(CancellationToken.None);
        await processor.ProcessDueAsync(CancellationToken.None);
        var first = Assert.Single(FollowUpCards(reporter));
        Assert.Contains("Uppföljning av ärende " + caseNumber, first, StringComparison.Ordinal);
        Assert.Contains("I rapporten: polisanmäld – nej.", first, StringComparison.Ordinal);
        Assert.Contains("Vid akut fara: ring 112", first, StringComparison.Ordinal);

        // Meanwhile the adviser took the case and closed it.
        var lifecycle = factory.Services.GetRequiredService<CaseLifecycle>();
        var adviser = new ChannelAccount("29:greta", "Greta Berg", aadObjectId: SafetyAdviserAad);
        var taken = await lifecycle.ActAsync(new CaseCommand(CaseCommand.Take, record.OrganisationKey, caseNumber, 1, null, null), adviser, TeamsActivities.AdviserTenantId, CancellationToken.None);
        var closed = await lifecycle.ActAsync(new CaseCommand(CaseCommand.Close, record.OrganisationKey, caseNumber, taken.Case!.Version, "Kommunen har det under kontroll.", null), adviser, TeamsActivities.AdviserTenantId, CancellationToken.None);
        Assert.Equal(EscalationStatus.Closed, closed.Case!.Status);

        // A note over 500 characters: a kind message, and nothing is stored.
        var tooLong = await PostAsync(client, Answer(conversation, reporter, caseNumber, "1", "worse", "not-contacted", "yes", new string('x', 501)));
        Assert.Contains("högst 500 tecken (den var 501)", tooLong.ToJsonString(s_readable), StringComparison.Ordinal);
        Assert.Empty((await followUps.GetAsync(record.OrganisationKey, caseNumber, CancellationToken.None))!.Answers);

        // The answer: worse, no word from the police, and something new has happened.
        var saved = await PostAsync(client, Answer(conversation, reporter, caseNumber, "1", "worse", "not-contacted", "yes", "Ett nytt brev kom i dag."));
        Assert.Contains("svaren är sparade på ärende " + caseNumber, saved.ToJsonString(s_readable), StringComparison.Ordinal);
        Assert.Contains("Ärendet är öppnat igen", saved.ToJsonString(s_readable), StringComparison.Ordinal);
        var answered = (await followUps.GetAsync(record.OrganisationKey, caseNumber, CancellationToken.None))!;
        var answer = Assert.Single(answered.Answers);
        Assert.Equal((1, "worse", "not-contacted", true, "Ett nytt brev kom i dag."), (answer.Round, answer.Wellbeing, answer.Police, answer.NewEvent, answer.Text));

        // "Ny händelse" raised the closed case: new again, routed to the adviser it had, with a fresh deadline ...
        var reopened = (await escalations.GetAsync(record.OrganisationKey, caseNumber, CancellationToken.None))!;
        Assert.Equal((EscalationStatus.New, "safety", closed.Case.Version + 1), (reopened.Status, reopened.PrimaryAdviser, reopened.Version));
        Assert.NotNull(reopened.AcknowledgeBy);

        // ... and the adviser gets the case card again, with the follow-up line, and the reporter's note.
        var outbox = factory.Services.GetRequiredService<OutboxProcessor>();
        var toAdviser = await WaitForAsync(outbox, () => _sent.Where(s => s.Person == SafetyAdviserAad).Select(s => s.Card).ToList(), cards =>
            cards.Any(c => c.Contains("Uppföljning 28 december – mående: Sämre; polisen: Nej, inte än; nytt: Ja, något nytt har hänt.", StringComparison.Ordinal))
            && cards.Any(c => c.Contains("Ett nytt brev kom i dag.", StringComparison.Ordinal)));
        Assert.NotEmpty(toAdviser);

        // Fourteen office days after 22 December: jul, nyår and trettondedag jul do not count; Monday 18 January.
        time.SetUtcNow(Local(2027, 1, 18, 7, 59));
        await processor.ProcessDueAsync(CancellationToken.None);
        Assert.Single(FollowUpCards(reporter));
        time.SetUtcNow(Local(2027, 1, 18, 8, 0));
        await processor.ProcessDueAsync(CancellationToken.None);
        Assert.Equal(2, FollowUpCards(reporter).Count);
        Assert.Contains("\"round\": \"2\"", FollowUpCards(reporter)[1], StringComparison.Ordinal);

        // "Stäng av uppföljning": the third card (office day 20, Tuesday 26 January) never comes.
        var stopped = await PostAsync(client, Click(conversation, reporter, FollowUpDesk.Stop, caseNumber, caseKey: true));
        Assert.Contains("Uppföljningen av ärende " + caseNumber + " är avstängd", stopped.ToJsonString(s_readable), StringComparison.Ordinal);
        var off = (await followUps.GetAsync(record.OrganisationKey, caseNumber, CancellationToken.None))!;
        Assert.Equal((true, (DateTimeOffset?)null, 2), (off.Stopped, off.NextDueAt, off.Sent));
        foreach (var later in new[] { Local(2027, 1, 26, 8, 0), Local(2027, 2, 15, 9, 0) })
        {
            time.SetUtcNow(later);
            await processor.ProcessDueAsync(CancellationToken.None);
        }

        Assert.Equal(2, FollowUpCards(reporter).Count);
    }

    private Mock<ITeamsMessenger> Messenger()
    {
        var messenger = new Mock<ITeamsMessenger>();
        messenger.Setup(m => m.SendToPersonAsync(It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()))
            .Callback((string person, IMessageActivity message, CancellationToken _) => _sent.Enqueue((person, CardText(message))))
            .ReturnsAsync(new Delivery(DeliveryResult.Delivered));
        messenger.Setup(m => m.UpdateAsync(It.IsAny<ConversationReference>(), It.IsAny<string>(), It.IsAny<IMessageActivity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(DeliveryResult.Delivered);
        return messenger;
    }

    private static string CardText(IMessageActivity message) =>
        string.Join("\n", (message.Attachments ?? []).Select(a => a.Content?.ToString() ?? string.Empty)) + "\n" + message.Text;

    /// <summary>The follow-up cards the reporter got (other messages to them, such as status notices, left out).</summary>
    private List<string> FollowUpCards(string reporter) =>
        [.. _sent.Where(s => s.Person == reporter && s.Card.Contains(FollowUpDesk.Answer, StringComparison.Ordinal)).Select(s => s.Card)];

    /// <summary>Drains the outbox until the condition holds (the background sender may deliver some rows first); at most 20 s.</summary>
    private static async Task<List<string>> WaitForAsync(OutboxProcessor outbox, Func<List<string>> read, Func<List<string>, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await outbox.ProcessDueAsync(CancellationToken.None);
            var current = read();
            if (done(current) || DateTime.UtcNow > until)
            {
                return done(current) ? current : [];
            }

            await Task.Delay(100);
        }
    }

    private static JsonObject From(JsonObject activity, string aad)
    {
        activity["from"] = new JsonObject { ["id"] = "29:" + aad, ["name"] = "Karin Ek", ["aadObjectId"] = aad };
        return activity;
    }

    private static JsonObject Click(string conversation, string reporter, string verb, string value, string? step = null, bool caseKey = false)
    {
        var activity = From(TeamsActivities.Message(conversation, string.Empty), reporter);
        activity.Remove("text");
        activity["value"] = caseKey
            ? new JsonObject { ["verb"] = verb, ["case"] = value }
            : new JsonObject { ["verb"] = verb, ["step"] = step, ["value"] = value };
        return activity;
    }

    private static JsonObject Answer(string conversation, string reporter, string caseNumber, string round, string wellbeing, string police, string newEvent, string text)
    {
        var activity = From(TeamsActivities.Message(conversation, string.Empty), reporter);
        activity.Remove("text");
        activity["value"] = new JsonObject
        {
            ["verb"] = FollowUpDesk.Answer,
            ["case"] = caseNumber,
            ["round"] = round,
            ["wellbeing"] = wellbeing,
            ["police"] = police,
            ["newEvent"] = newEvent,
            ["text"] = text,
        };
        return activity;
    }

    /// <summary>All replies of one turn, as one JSON array.</summary>
    private static async Task<JsonNode> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!;
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, s_stockholm.GetUtcOffset(local));
    }

    [GeneratedRegex(@"HH-\d{4}-\d{4}-\d{4}")]
    private static partial Regex CaseNumber();
}

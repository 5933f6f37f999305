using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Privacy;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;
using SupportBot.Storage.Tables;

namespace SupportBot.IntegrationTests.Privacy;

/// <summary>
/// Issue 16's "done when", through the real host on Azurite: a person with a half-finished triage in their personal
/// chat, a checklist and a language in a group chat, a finished, escalated and taken case whose card and added
/// information were delivered to the adviser, a subscription and a follow-up asks to have their data
/// erased. Afterwards no property of any entity in any table of the storage account (keys, strings and the state's
/// binary chunks decoded) holds their Entra object id, Teams user id, name or texts, the adviser's delivered card and
/// information message were updated in place to the pseudonym, and every table the run created has a declared policy.
/// </summary>
[Collection(PrivacyOnAzurite.Name)]
public sealed class ErasureEverywhereTests(PrivacyAzuriteFixture azurite)
{
    private const string SafetyAdviserAad = "00000000-0000-4000-8000-00000000a1e1";
    private const string ThreatsAdviserAad = "00000000-0000-4000-8000-00000000a1e2";
    private const string Name = "Sigrid Glomskadotter";
    private const string Surname = "Glomskadotter";
    private const string Description = "Torsten Okandsson stod utanfor mitt hus kl 22";
    private const string AddedText = "Han har ringt min bror ocksa";
    private const string HalfTriageText = "Halvfardig beskrivning om grannen Ragnvald";

    private static readonly string[] s_clicks =
    [
        "danger=no", "what=threat", "channel=email", "targets=official", "markers=weapons", "repeated=no",
        "reported=no", "role=yes", "when=yesterday", "reporter-role=security-officer", "wellbeing=worried", "consent=yes",
    ];

    private TableServiceClient Tables => TableClients.FromConnectionString(azurite.ConnectionString);

    [Fact]
    public async Task Erase_LeavesTheirIdsNameAndTextsInNoTableOfTheAccountAndUpdatesTheAdvisersDeliveredCards()
    {
        var run = await RunMainFlowsAndEraseAsync();

        foreach (var (table, text) in await EveryTableAsTextAsync())
        {
            foreach (var secret in new[] { run.Aad, "29:" + run.Aad, Name, Surname, Description, "Okandsson", AddedText, HalfTriageText, "Ragnvald" })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{table} still holds '{secret}'");
            }
        }

        // One audit event for the erasure, by the system, with counts only (the scan above found no id in it).
        var erasures = (await new SupportBot.Storage.AuditEvents.AuditRepository(Tables).ListAsync(SupportBot.Storage.AuditEvents.AuditEntity.NoOrganisation, CancellationToken.None))
            .Where(e => e.Action == PrivacyAuditActions.Erasure).ToList();
        Assert.Contains(erasures, e => e.Actor == PrivacyAuditActions.Actor && e.Reason!.Contains("cases=1", StringComparison.Ordinal));

        // The adviser's case card and the information message were updated in place: the pseudonym, not the name or text.
        var pseudonym = TestPseudonyms.Instance.Erased(run.Aad);
        foreach (var activityId in run.DeliveredToAdviser)
        {
            var update = await WaitForAsync(() => run.Messenger.Updates.LastOrDefault(u => u.ActivityId == activityId && u.Json.Contains(pseudonym, StringComparison.Ordinal)));
            Assert.DoesNotContain(Name, update.Json, StringComparison.Ordinal);
            Assert.DoesNotContain(Surname, update.Json, StringComparison.Ordinal);
            Assert.DoesNotContain(AddedText, update.Json, StringComparison.Ordinal);
            Assert.DoesNotContain(Description, update.Json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryTableTheMainFlowsCreated_HasAPersonalDataPolicy()
    {
        var run = await RunMainFlowsAndEraseAsync();
        var missing = await PolicyCoverage.TablesWithoutPolicyAsync(Tables, run.Policies);
        Assert.True(missing.Count == 0, "Tables without a personal-data policy (IPersonalDataTable): " + string.Join(", ", missing));
    }

    private sealed record Run(string Aad, RecordingMessenger Messenger, IReadOnlyList<string> DeliveredToAdviser, IReadOnlyList<string> Policies);

    /// <summary>The person's flows over HTTP (the case taken and added to through the repositories the cards use), then the erasure.</summary>
    private async Task<Run> RunMainFlowsAndEraseAsync()
    {
        var aad = Guid.NewGuid().ToString();
        var messenger = new RecordingMessenger();
        var personal = "a:everywhere-" + Guid.NewGuid().ToString("N");
        var halfDone = "a:everywhere-half-" + Guid.NewGuid().ToString("N");
        var group = "19:everywhere-" + Guid.NewGuid().ToString("N") + "@thread.v2";
        var organisation = TestOrganisations.Next();
        var settings = new Dictionary<string, string?>(TestOrganisations.Onboard(TeamsActivities.TenantId, organisation))
        {
            ["Support:Advisers:0:AadObjectId"] = SafetyAdviserAad,
            ["Support:Advisers:0:TenantId"] = TeamsActivities.TenantId,
            ["Support:Advisers:1:AadObjectId"] = ThreatsAdviserAad,
            ["Support:Advisers:1:TenantId"] = TeamsActivities.TenantId,
            ["Teams:OutboxPollSeconds"] = "1",
        };
        await using var factory = new BotFactory(azurite.ConnectionString, settings)
            .WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<ITeamsMessenger>(messenger)));
        using var client = factory.CreateClient();

        // A finished triage in the personal chat: the case, escalated (urgent), its card delivered to the adviser.
        await PostAsync(client, From(TeamsActivities.Message(personal, "svenska"), aad));
        await PostAsync(client, From(TeamsActivities.Message(personal, "rapportera"), aad));
        foreach (var click in s_clicks)
        {
            await PostAsync(client, Click(personal, click.Split('=')[0], click.Split('=')[1], aad));
        }

        await PostAsync(client, Click(personal, "description", Description, aad));
        var tables = Tables;
        var escalations = new EscalationRepository(tables);
        var incidents = new CaseRepository(tables, new SupportBot.Storage.CaseCounters.CaseNumberAllocator(tables));
        var record = Assert.Single(await incidents.ListByReporterAsync(aad, CancellationToken.None));
        var escalate = Click(personal, "escalate", record.CaseNumber, aad);
        escalate["value"]!["verb"] = "escalateconfirmed";
        escalate["value"]!["value"] = record.CaseNumber;
        await PostAsync(client, escalate);
        var escalation = await WaitForAsync(() => escalations.GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None).GetAwaiter().GetResult());

        // Taken by the adviser, and the reporter added information (to the adviser, delivered as a message of its own).
        Assert.True(await escalations.UpdateAsync(
            escalation with { Status = EscalationStatus.Taken, AssignedAdviser = escalation.PrimaryAdviser, ChangedAt = DateTimeOffset.UtcNow, AcknowledgedAt = DateTimeOffset.UtcNow, Additions = 1 },
            [new EscalationNotice(NoticeRecipients.Adviser, escalation.PrimaryAdviser, NoticeKinds.Information, "info.1", AddedText)],
            CancellationToken.None));
        var posts = await WaitForAsync(async () =>
        {
            var all = await escalations.ListPostsAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None);
            return all.Any(p => p.Audience == NoticeRecipients.Adviser) && all.Any(p => p.Audience == NoticeRecipients.AdviserInformation) ? all : null;
        }, () => $"sends {messenger.Sends.Count}, posts {string.Join(",", escalations.ListPostsAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None).GetAwaiter().GetResult().Select(p => p.Audience))}");
        var deliveredToAdviser = posts.Where(p => p.Audience is NoticeRecipients.Adviser or NoticeRecipients.AdviserInformation).Select(p => p.ActivityId).ToList();
        Assert.Contains(messenger.Sends, s => s.Json.Contains(Surname, StringComparison.Ordinal));

        // A follow-up, a subscription, a half-finished triage in a second personal chat.
        // (The triage may have scheduled one already: then that one stays and this changes nothing.)
        _ = await new SupportBot.Storage.FollowUps.FollowUpRepository(tables).ScheduleAsync(
            new SupportBot.Dialogs.FollowUps.FollowUpRecord(record.OrganisationKey, record.CaseNumber, aad, "sv", Urgency.Hog, DateTimeOffset.UtcNow)
            {
                NextDueAt = DateTimeOffset.UtcNow.AddDays(30),
                Answers = [new SupportBot.Dialogs.FollowUps.FollowUpAnswer(1, DateTimeOffset.UtcNow, "worse", "unknown", true, AddedText)],
            },
            CancellationToken.None);
        await PostAsync(client, From(TeamsActivities.Message(personal, "prenumerera"), aad));
        await PostAsync(client, From(TeamsActivities.Message(halfDone, "rapportera"), aad));
        await PostAsync(client, Click(halfDone, "danger", "no", aad));
        await PostAsync(client, From(TeamsActivities.Message(halfDone, HalfTriageText), aad));

        // A group chat: a language chosen there (kept by user id) and a checklist.
        await PostAsync(client, Group(From(TeamsActivities.Message(group, "svenska"), aad)));
        await PostAsync(client, Group(From(TeamsActivities.Message(group, "checklista"), aad)));
        Assert.Contains(aad, string.Concat((await EveryTableAsTextAsync()).Select(t => t.Text)), StringComparison.Ordinal);

        // "radera mina uppgifter" in the personal chat (a group chat points there), and the confirmation: the group chat's
        // state and the other personal chat's are reached by the state table's policy, not by this turn.
        var confirmation = JsonNode.Parse(await PostAsync(client, From(TeamsActivities.Message(personal, "radera mina uppgifter"), aad)))!;
        var confirm = confirmation["activities"]!.AsArray()
            .SelectMany(a => a!["attachments"]?.AsArray() ?? [])
            .SelectMany(a => a!["content"]?["actions"]?.AsArray() ?? [])
            .Single(a => (string?)a!["data"]?["verb"] == ErasureDesk.Confirm)!;
        var submit = From(TeamsActivities.Message(personal, string.Empty), aad);
        submit.Remove("text");
        submit["value"] = confirm["data"]!.DeepClone();
        var done = await PostAsync(client, submit);
        Assert.Contains("Dina uppgifter är raderade", done, StringComparison.Ordinal);

        // The delivered cards are updated by the outbox, which runs on its own: wait for both updates.
        var pseudonym = TestPseudonyms.Instance.Erased(aad);
        foreach (var activityId in deliveredToAdviser)
        {
            await WaitForAsync(() => messenger.Updates.LastOrDefault(u => u.ActivityId == activityId && u.Json.Contains(pseudonym, StringComparison.Ordinal)));
        }

        var policies = factory.Services.GetServices<IPersonalDataTable>().Select(p => p.TableName).ToList();
        return new Run(aad, messenger, deliveredToAdviser, policies);
    }

    /// <summary>Every table of the storage account with every entity as text: keys, property names, strings, binary decoded as UTF-8.</summary>
    private async Task<IReadOnlyList<(string Table, string Text)>> EveryTableAsTextAsync()
    {
        var tables = Tables;
        var all = new List<(string, string)>();
        await foreach (var table in tables.QueryAsync())
        {
            var text = new StringBuilder();
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in row)
                {
                    text.Append(key).Append('=').Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                }
            }

            all.Add((table.Name, text.ToString()));
        }

        return all;
    }

    private static JsonObject From(JsonObject activity, string aad)
    {
        activity["from"] = new JsonObject { ["id"] = "29:" + aad, ["name"] = Name, ["aadObjectId"] = aad };
        return activity;
    }

    private static JsonObject Group(JsonObject activity)
    {
        activity["conversation"]!["conversationType"] = "groupChat";
        activity["conversation"]!["isGroup"] = true;
        return activity;
    }

    private static JsonObject Click(string conversation, string step, string value, string aad)
    {
        var activity = From(TeamsActivities.Message(conversation, string.Empty), aad);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = "answer", ["step"] = step, ["value"] = value };
        return activity;
    }

    private static async Task<string> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class => WaitForAsync(() => Task.FromResult(probe()), null);

    /// <summary>Polls what the outbox (a background service) does, up to 60 s.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, Func<string>? describe = null)
        where T : class
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTimeOffset.UtcNow < until, "Timed out waiting for the outbox. " + describe?.Invoke());
            await Task.Delay(100);
        }
    }

    private sealed record Sent(string ActivityId, string Json);

    /// <summary>Teams as the outbox meets it: every send delivered (with where it went), every update recorded.</summary>
    private sealed class RecordingMessenger : ITeamsMessenger
    {
        private int _next;

        public ConcurrentQueue<Sent> Sends { get; } = new();

        public ConcurrentQueue<Sent> Updates { get; } = new();

        public Task<Delivery> SendToPersonAsync(string personId, IMessageActivity message, CancellationToken cancellationToken)
        {
            var activityId = "sent-" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Sends.Enqueue(new Sent(activityId, Newtonsoft.Json.JsonConvert.SerializeObject(message)));
            var conversation = new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = "https://smba.trafficmanager.net/emea/",
                Conversation = new ConversationAccount(id: "a:to-" + activityId, tenantId: TeamsActivities.TenantId),
            };
            return Task.FromResult(new Delivery(DeliveryResult.Delivered, conversation, activityId));
        }

        public Task<DeliveryResult> UpdateAsync(ConversationReference conversation, string activityId, IMessageActivity message, CancellationToken cancellationToken)
        {
            Updates.Enqueue(new Sent(activityId, Newtonsoft.Json.JsonConvert.SerializeObject(message)));
            return Task.FromResult(DeliveryResult.Delivered);
        }
    }
}

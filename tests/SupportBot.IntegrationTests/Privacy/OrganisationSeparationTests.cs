using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Bot.Escalations;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.IntegrationTests.Reliability;
using SupportBot.Dialogs.Overview;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Privacy;

/// <summary>
/// Organisation separation over HTTP through the real host on Azurite: someone of another organisation (a reporter, a
/// manager, and an adviser naming the wrong organisation) tries every path that takes a case number or an organisation
/// and learns nothing of the case, which stays as it was. Records the attempts and the cross-organisation reads (0).
/// </summary>
[Collection(PrivacyOnAzurite.Name)]
public sealed class OrganisationSeparationTests(PrivacyAzuriteFixture azurite)
{
    private const string Secret = "Hemlig Alfatext om Vendela";
    private const string ReporterName = "Vendela Alfasdotter";
    /// <summary>Two real organisations: A's case is the secret, B's reporter, manager and the adviser try to reach it.</summary>
    private static readonly SupportBot.Dialogs.Organisations.Organisation A = TestOrganisations.Next();
    private static readonly SupportBot.Dialogs.Organisations.Organisation B = TestOrganisations.Next();
    private static readonly string OrganisationA = A.Name;

    /// <summary>A's name as cards show it (markdown characters such as the dash in "Upplands-Bro" escaped).</summary>
    private static readonly string OrganisationAOnCards = SupportBot.Cards.CardText.Escape(A.Name);
    private const string TenantA = "a1a1a1a1-0000-4000-8000-0000000000a1";

    private static JsonObject As(JsonObject activity, string aad, string name = "Bertil Beta")
    {
        activity["from"] = new JsonObject { ["id"] = "29:" + aad, ["name"] = name, ["aadObjectId"] = aad };
        return activity;
    }

    private static JsonObject Submit(string conversation, string aad, JsonObject value)
    {
        var activity = As(TeamsActivities.Message(conversation, string.Empty), aad);
        activity.Remove("text");
        activity["value"] = value;
        return activity;
    }

    private static JsonObject Execute(string conversation, string aad, string verb, JsonObject data)
    {
        var activity = As(TeamsActivities.Message(conversation, string.Empty), aad);
        activity.Remove("text");
        activity.Remove("textFormat");
        activity.Remove("deliveryMode");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
        return activity;
    }

    [Fact]
    public async Task EveryCaseAndOrganisationPath_FromAnotherOrganisation_RevealsNothingAndChangesNothing()
    {
        var tables = TableClients.FromConnectionString(azurite.ConnectionString);
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var escalations = new EscalationRepository(tables);
        var reporterA = Guid.NewGuid().ToString();
        var reporterB = Guid.NewGuid().ToString();
        var managerB = Guid.NewGuid().ToString();
        var adviser = Guid.NewGuid().ToString();
        var now = DateTimeOffset.UtcNow;
        var caseA = await incidents.CreateAsync(new NewCase(TenantA, A.Code, A.Name, reporterA, ReporterName, Urgency.Hog, new Dictionary<string, string> { ["what"] = "threat", ["organisation"] = A.Code, ["description"] = Secret }, now, "sv"), CancellationToken.None);
        await incidents.CreateAsync(new NewCase(TeamsActivities.TenantId, B.Code, B.Name, reporterB, "Bertil Beta", Urgency.Normal, new Dictionary<string, string> { ["what"] = "online-hate", ["organisation"] = B.Code }, now, "sv"), CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(caseA.Answers), caseA.Urgency);
        Assert.True(await escalations.SubmitAsync(EscalationRecord.From(caseA, decision, now), [decision.PrimaryAdviser], CancellationToken.None));
        var before = (await escalations.GetAsync(caseA.OrganisationKey, caseA.CaseNumber, CancellationToken.None))!;
        var keyB = B.Code;

        // The test tenant reports for B only; the adviser writes from it too (these attempts are about organisations).
        using var factory = new BotFactory(azurite.ConnectionString, new Dictionary<string, string?>(TestOrganisations.Onboard(TeamsActivities.TenantId, B))
        {
            ["Teams:OutboxPollSeconds"] = "300",
            ["Support:Advisers:0:AadObjectId"] = adviser,
            ["Support:Advisers:0:TenantId"] = TeamsActivities.TenantId,
            ["Support:Managers:0:AadObjectId"] = managerB,
            ["Support:Managers:0:TenantId"] = TeamsActivities.TenantId,
            ["Support:Managers:0:Organisation"] = B.Code,
        });
        using var client = factory.CreateClient();
        var conversation = "a:separation-" + Guid.NewGuid().ToString("N");
        var caseData = (string verb, string org) => new JsonObject { ["verb"] = verb, ["org"] = org, ["case"] = caseA.CaseNumber, ["version"] = before.Version, ["note"] = "x", ["info"] = "x" };
        var attempts = new (string Path, JsonObject Activity)[]
        {
            ("mina ärenden (reporter of B)", As(TeamsActivities.Message(conversation, "mina ärenden"), reporterB)),
            ("opencase submit", Submit(conversation, reporterB, new JsonObject { ["verb"] = "opencase", ["value"] = caseA.CaseNumber })),
            ("checklist for case", Submit(conversation, reporterB, new JsonObject { ["verb"] = "checklist", ["value"] = caseA.CaseNumber })),
            ("escalate another's case", Submit(conversation, reporterB, new JsonObject { ["verb"] = "escalate", ["value"] = caseA.CaseNumber })),
            ("reporter adds information to another's case", Submit(conversation, reporterB, caseData(CaseCommand.AddInformation, caseA.OrganisationKey))),
            ("reporter opens the adviser card", Submit(conversation, reporterB, caseData(CaseCommand.Open, caseA.OrganisationKey))),
            ("reporter takes with the right key", Submit(conversation, reporterB, caseData(CaseCommand.Take, caseA.OrganisationKey))),
            ("adviser takes with another organisation's key", Submit(conversation, adviser, caseData(CaseCommand.Take, keyB))),
            ("adviser opens with another organisation's key", Submit(conversation, adviser, caseData(CaseCommand.Open, keyB))),
            ("adviser closes with another organisation's key (Action.Execute)", Execute(conversation, adviser, CaseCommand.Close, caseData(CaseCommand.Close, keyB))),
            ("adviser takes with another organisation's key (Action.Execute)", Execute(conversation, adviser, CaseCommand.Take, caseData(CaseCommand.Take, keyB))),
            ("översikt (manager of B)", As(TeamsActivities.Message(conversation, "översikt"), managerB)),
        };

        var revealed = new List<string>();
        foreach (var (path, activity) in attempts)
        {
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            var decoded = StringsOf(JsonNode.Parse(body));
            if (new[] { Secret, ReporterName, OrganisationA, OrganisationAOnCards, $"org={caseA.OrganisationKey}\n" }.Any(s => decoded.Contains(s, StringComparison.Ordinal))
                || (path.StartsWith("mina", StringComparison.Ordinal) && decoded.Contains(caseA.CaseNumber, StringComparison.Ordinal)))
            {
                revealed.Add(path);
            }
        }

        Assert.Empty(revealed);

        // The control: the same check does see the case where it may be shown (the adviser, with the right key).
        using (var control = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(Submit(conversation, adviser, caseData(CaseCommand.Open, caseA.OrganisationKey)))))
        {
            var shown = StringsOf(JsonNode.Parse(await control.Content.ReadAsStringAsync()));
            Assert.Contains(OrganisationAOnCards, shown, StringComparison.Ordinal);
        }

        var after = (await escalations.GetAsync(caseA.OrganisationKey, caseA.CaseNumber, CancellationToken.None))!;
        Assert.Equal((before.Status, before.Version, before.AssignedAdviser, before.Additions), (after.Status, after.Version, after.AssignedAdviser, after.Additions));

        // The overview's own query path: the manager's organisation's partition holds none of A's case.
        var overviewB = await new OverviewSource(new CaseRepository(tables, new CaseNumberAllocator(tables)), new EscalationRepository(tables)).LoadAsync(keyB, now.AddYears(-1), CancellationToken.None);
        Assert.Single(overviewB.Cases);
        Assert.Empty(overviewB.Escalations);

        ReliabilityFigures.Record("cross-organisation attempts", attempts.Length);
        ReliabilityFigures.Record("cross-organisation reads", revealed.Count, required: 0);
    }

    /// <summary>Every string of an answer as "name=value" lines (names and values unescaped), so what a card shows is compared as shown.</summary>
    private static string StringsOf(JsonNode? node)
    {
        var all = new System.Text.StringBuilder();
        void Walk(string name, JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        Walk(key, value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(name, item);
                    }

                    break;
                case JsonValue v when v.TryGetValue<string>(out var text):
                    all.Append(name).Append('=').Append(text).Append('\n');
                    break;
            }
        }

        Walk(string.Empty, node);
        return all.ToString();
    }
}

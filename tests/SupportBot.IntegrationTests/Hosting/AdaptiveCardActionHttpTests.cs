using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Bot.Escalations;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Triage;
using SupportBot.Storage.CaseCounters;
using SupportBot.Storage.Escalations;
using SupportBot.Storage.Cases;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>
/// Universal Actions over HTTP through the real host and Azurite: an <c>adaptiveCard/action</c> invoke from a case card
/// is answered with the card to show in its place (200 with an adaptive card), refusals included; malformed invokes
/// never cause a 500.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class AdaptiveCardActionHttpTests : IDisposable
{
    private const string SafetyAdviserAad = "00000000-0000-4000-8000-0000000000f1";
    private const string ThreatsAdviserAad = "00000000-0000-4000-8000-0000000000f2";
    private const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    private readonly AzuriteFixture _azurite;
    private readonly BotFactory _factory;
    private readonly HttpClient _client;

    public AdaptiveCardActionHttpTests(AzuriteFixture azurite)
    {
        _azurite = azurite;

        // The advisers of appsettings.json, with the Entra ids that make them advisers in Teams.
        _factory = new BotFactory(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Support:Advisers:0:AadObjectId"] = SafetyAdviserAad,
            ["Support:Advisers:0:TenantId"] = TeamsActivities.TenantId,
            ["Support:Advisers:1:AadObjectId"] = ThreatsAdviserAad,
            ["Support:Advisers:1:TenantId"] = TeamsActivities.TenantId,
        });
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static JsonObject Adviser(string aadObjectId) => new() { ["id"] = "29:" + aadObjectId, ["name"] = "Greta Berg", ["aadObjectId"] = aadObjectId };

    private static JsonObject NonAdviser() => new() { ["id"] = "29:user-" + Guid.NewGuid().ToString("N"), ["name"] = "Greta Berg", ["aadObjectId"] = Guid.NewGuid().ToString() };

    /// <summary>An Action.Execute invoke as Teams sends it: no deliveryMode, the answer is the HTTP response itself.</summary>
    private static JsonObject Invoke(JsonNode? value, JsonObject from, string locale = "sv-SE")
    {
        var activity = TeamsActivities.Message("a:invoke-" + Guid.NewGuid().ToString("N"), string.Empty, locale);
        activity.Remove("text");
        activity.Remove("textFormat");
        activity.Remove("deliveryMode");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["from"] = from;
        activity["value"] = value;
        return activity;
    }

    private static JsonObject Execute(string verb, string organisationKey, string caseNumber, int version) => new()
    {
        ["action"] = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["verb"] = verb,
            ["data"] = new JsonObject { ["org"] = organisationKey, ["case"] = caseNumber, ["version"] = version },
        },
        ["trigger"] = "manual",
    };

    /// <summary>A HÖG case escalated straight into the storage the host uses (no notifications queued).</summary>
    private async Task<CaseRecord> EscalateAsync()
    {
        var tables = TableClients.FromConnectionString(_azurite.ConnectionString);
        var incidents = new CaseRepository(tables, new CaseNumberAllocator(tables));
        var organisation = "Kommun " + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        var record = await incidents.CreateAsync(
            new NewCase(TeamsActivities.TenantId, TestOrganisations.KeyOf(organisation), organisation, Guid.NewGuid().ToString(), "Karin Ek", Urgency.Hog,
                new Dictionary<string, string> { ["what"] = "threat", ["markers"] = "weapons", ["channel"] = "email", ["organisation"] = organisation },
                now, "sv"),
            CancellationToken.None);
        var decision = EscalationRouter.Default.Route(new TriageAnswers(record.Answers), record.Urgency);
        Assert.True(await new EscalationRepository(tables).SubmitAsync(EscalationRecord.From(record, decision, now), [], CancellationToken.None));
        return record;
    }

    private async Task<EscalationRecord> GetAsync(CaseRecord record) =>
        (await new EscalationRepository(TableClients.FromConnectionString(_azurite.ConnectionString)).GetAsync(record.OrganisationKey, record.CaseNumber, CancellationToken.None))!;

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(JsonObject activity)
    {
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The card of a successful adaptiveCard/action answer, after checking the answer's envelope.</summary>
    private async Task<JsonNode> PostForCardAsync(JsonObject activity)
    {
        var (status, body) = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body);
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal(AdaptiveCardType, body["type"]!.GetValue<string>());
        var card = body["value"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        return card;
    }

    /// <summary>Every string on the card, unescaped (ToJsonString would escape å, ä, ö).</summary>
    private static string AllText(JsonNode? node) => string.Join("\n", Strings(node));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray arr => arr.SelectMany(Strings),
        JsonValue v when v.TryGetValue(out string? s) => [s],
        _ => [],
    };

    [Theory]
    [InlineData("sv-SE", "Bara SKR:s rådgivare kan ändra ett ärende. Inget har ändrats.")]
    [InlineData("en-US", "Only SKR's advisers can change a case. Nothing was changed.")]
    public async Task PostInvoke_TakeFromNonAdviser_AnswersRefusalCardInUsersLanguage(string locale, string expected)
    {
        var card = await PostForCardAsync(Invoke(Execute(CaseCommand.Take, "kommun-" + Guid.NewGuid().ToString("N")[..8], "HH-2026-9999", 1), NonAdviser(), locale));

        var text = AllText(card);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("HH-2026-9999", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostInvoke_TakeFromNonAdviserOnRealCase_RefusesAndChangesNothing()
    {
        var record = await EscalateAsync();
        var before = await GetAsync(record);

        var card = await PostForCardAsync(Invoke(Execute(CaseCommand.Take, record.OrganisationKey, record.CaseNumber, 1), NonAdviser()));

        var text = AllText(card);
        Assert.Contains("Bara SKR:s rådgivare kan ändra ett ärende.", text, StringComparison.Ordinal);

        // Nothing about the case is shown to someone who may not see it.
        Assert.DoesNotContain(record.CaseNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(record.OrganisationName, text, StringComparison.Ordinal);
        var after = await GetAsync(record);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(EscalationStatus.New, after.Status);
        Assert.Equal(1, after.Version);
    }

    [Fact]
    public async Task PostInvoke_TakeByConfiguredAdviser_AnswersCardTakenByThemAndStoresIt()
    {
        var record = await EscalateAsync();

        var card = await PostForCardAsync(Invoke(Execute(CaseCommand.Take, record.OrganisationKey, record.CaseNumber, 1), Adviser(SafetyAdviserAad)));

        var text = AllText(card);
        Assert.Contains("Taget av Greta Berg", text, StringComparison.Ordinal);
        Assert.Contains(record.CaseNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jag tar detta", text, StringComparison.Ordinal);
        var stored = await GetAsync(record);
        Assert.Equal(EscalationStatus.Taken, stored.Status);
        Assert.Equal("safety", stored.AssignedAdviser);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task PostInvoke_ReplayedTakeByOtherAdviser_AnswersCurrentCardWithStaleNotice()
    {
        var record = await EscalateAsync();
        await PostForCardAsync(Invoke(Execute(CaseCommand.Take, record.OrganisationKey, record.CaseNumber, 1), Adviser(SafetyAdviserAad)));
        var taken = await GetAsync(record);

        var card = await PostForCardAsync(Invoke(Execute(CaseCommand.Take, record.OrganisationKey, record.CaseNumber, 1), Adviser(ThreatsAdviserAad)));

        var text = AllText(card);
        Assert.Contains("Ärendet har ändrats sedan kortet visades", text, StringComparison.Ordinal);
        Assert.Contains("Taget av Greta Berg", text, StringComparison.Ordinal);
        var after = await GetAsync(record);
        Assert.Equal(taken.ETag, after.ETag);
        Assert.Equal("safety", after.AssignedAdviser);
    }

    /// <summary>A short name (shown in the test name) and the invoke's value.</summary>
    public static TheoryData<string, string> MalformedValues() => new()
    {
        { "string", "\"nonsense\"" },
        { "number", "42" },
        { "array", "[]" },
        { "empty-object", "{}" },
        { "null-action", "{\"action\":null}" },
        { "action-string", "{\"action\":\"case.take\"}" },
        { "action-submit", "{\"action\":{\"type\":\"Action.Submit\",\"verb\":\"case.take\"}}" },
        { "no-verb", "{\"action\":{\"type\":\"Action.Execute\"}}" },
        { "data-string", "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"case.take\",\"data\":\"nonsense\"}}" },
        { "data-wrong-types", "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"case.take\",\"data\":{\"org\":{\"$ne\":1},\"case\":[1],\"version\":\"x\"}}}" },
        { "data-injection", "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"case.take\",\"data\":{\"org\":\"../../x\",\"case\":\"HH-2026-0001' or '1'='1\",\"version\":1}}}" },
        { "version-too-large", "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"case.take\",\"data\":{\"org\":\"kommun\",\"case\":\"HH-2026-0001\",\"version\":99999999999}}}" },
        { "version-huge", "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"case.take\",\"data\":{\"org\":\"kommun\",\"case\":\"HH-2026-0001\",\"version\":123456789012345678901234567890}}}" },
        { "version-fraction", "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"case.take\",\"data\":{\"org\":\"kommun\",\"case\":\"HH-2026-0001\",\"version\":1.5}}}" },
        { "version-text-too-large", "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"case.take\",\"data\":{\"org\":\"kommun\",\"case\":\"HH-2026-0001\",\"version\":\"99999999999\"}}}" },
    };

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public async Task PostInvoke_MalformedValue_Gets4xxOrErrorAnswerNever500(string name, string value)
    {
        foreach (var (who, from) in new[] { ("non-adviser", NonAdviser()), ("adviser", Adviser(SafetyAdviserAad)) })
        {
            var (status, body) = await PostAsync(Invoke(JsonNode.Parse(value), from));

            Assert.True((int)status is >= 200 and < 500, $"{name} from {who}: HTTP {(int)status} {body?.ToJsonString()}");
            if (status == HttpStatusCode.OK && body?["statusCode"] is { } statusCode)
            {
                Assert.InRange(statusCode.GetValue<int>(), 200, 499);
            }
        }
    }

    [Fact]
    public async Task PostInvoke_ValueNonsense_AnswersBadRequest()
    {
        var (status, body) = await PostAsync(Invoke(JsonValue.Create("nonsense"), Adviser(SafetyAdviserAad)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostInvoke_AdviserWithMalformedData_AnswersUnknownCaseCard()
    {
        var value = JsonNode.Parse("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"case.take\",\"data\":\"nonsense\"}}");

        var card = await PostForCardAsync(Invoke(value, Adviser(SafetyAdviserAad)));

        Assert.Contains("Jag hittar inget sådant ärende. Inget har ändrats.", AllText(card), StringComparison.Ordinal);
    }
}

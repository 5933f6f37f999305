using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.Storage.ChecklistProgress;

namespace SupportBot.IntegrationTests.Checklists;

/// <summary>
/// Checklist buttons over HTTP through the real host and Azurite: Action.Execute "Spara" answers the updated card and
/// the ticks are in the ChecklistProgress table; a card naming an unknown checklist gets the list and stores nothing.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class ChecklistOverHttpTests : IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly BotFactory _factory;
    private readonly HttpClient _client;

    public ChecklistOverHttpTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _factory = new BotFactory(azurite.ConnectionString);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static JsonObject Invoke(string verb, JsonObject data, string aadObjectId)
    {
        var activity = TeamsActivities.Message("a:checklist-" + Guid.NewGuid().ToString("N"), string.Empty);
        activity.Remove("text");
        activity.Remove("textFormat");
        activity.Remove("deliveryMode");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["from"] = new JsonObject { ["id"] = "29:" + aadObjectId, ["name"] = "Maria Holm", ["aadObjectId"] = aadObjectId };
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>The card of a successful adaptiveCard/action answer, as JSON text.</summary>
    private async Task<string> PostForCardTextAsync(JsonObject activity)
    {
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        // Unescaped, so that å, ä and ö read as they show.
        return body["value"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Fact]
    public async Task PostInvoke_SaveTwoTicks_AnswersSavedCardAndStoresThem()
    {
        var person = Guid.NewGuid().ToString();

        var card = await PostForCardTextAsync(Invoke("checklist.save", new JsonObject
        {
            ["checklist"] = "public-meetings",
            ["shown"] = string.Empty,
            ["tick.pm-venue"] = "true",
            ["tick.pm-guards"] = "true",
            ["tick.pm-check-in"] = "false",
        }, person));

        Assert.Contains("Sparat: 2 av 5", card, StringComparison.Ordinal);
        var stored = await new ChecklistProgressRepository(TableClients.FromConnectionString(_azurite.ConnectionString)).GetAsync(person, "public-meetings", CancellationToken.None);
        Assert.Equal(["pm-venue", "pm-guards"], stored!.Ticked);
    }

    [Fact]
    public async Task PostInvoke_UnknownChecklist_AnswersTheListAndStoresNothing()
    {
        var person = Guid.NewGuid().ToString();

        var card = await PostForCardTextAsync(Invoke("checklist.save", new JsonObject { ["checklist"] = "no-such-list", ["tick.pm-venue"] = "true" }, person));

        Assert.Contains("Jag hittar inte den checklistan.", card, StringComparison.Ordinal);
        Assert.Empty(await new ChecklistProgressRepository(TableClients.FromConnectionString(_azurite.ConnectionString)).ListAsync(person, CancellationToken.None));
    }
}

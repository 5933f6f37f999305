using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>The real host over HTTP, with real Teams activity JSON and state in Azurite.</summary>
[Collection(HostingOnAzurite.Name)]
public sealed class MessagesEndpointHttpTests : IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly BotFactory _factory;
    private readonly HttpClient _client;

    public MessagesEndpointHttpTests(AzuriteFixture azurite)
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

    private static string NewConversationId() => "a:it-" + Guid.NewGuid().ToString("N");

    private async Task<JsonArray> PostForRepliesAsync(JsonObject activity)
    {
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["activities"]!.AsArray();
    }

    private static string FirstTextBlock(JsonNode reply) =>
        reply["attachments"]![0]!["content"]!["body"]![0]!["items"]![0]!["text"]!.GetValue<string>();

    /// <summary>Every string on the card, unescaped (ToJsonString would escape å, ä, ö).</summary>
    private static string AllText(JsonNode reply) => string.Join("\n", Strings(reply["attachments"]![0]!["content"]));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray arr => arr.SelectMany(Strings),
        JsonValue v when v.TryGetValue(out string? s) => [s],
        _ => [],
    };

    [Fact]
    public async Task PostMessage_Help_RepliesWithSwedishHelpCard()
    {
        var replies = await PostForRepliesAsync(TeamsActivities.Message(NewConversationId(), "hjälp"));

        var reply = Assert.Single(replies);
        Assert.Equal("application/vnd.microsoft.card.adaptive", reply!["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal("Vid akut fara: ring 112", FirstTextBlock(reply));
        Assert.Contains("Det här kan jag hjälpa till med", AllText(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_UnknownTextInEnglish_RepliesWithEnglishHelp()
    {
        // ("hello there" is a greeting now: it gets the welcome with its buttons.)
        var replies = await PostForRepliesAsync(TeamsActivities.Message(NewConversationId(), "xyzzy", "en-US"));

        var reply = Assert.Single(replies)!;
        Assert.Equal("In immediate danger: call 112", FirstTextBlock(reply));
        Assert.Contains("I did not understand that", AllText(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostConversationUpdate_NewUser_RepliesWithWelcomeOnce()
    {
        var conversation = NewConversationId();

        var first = await PostForRepliesAsync(TeamsActivities.MembersAdded(conversation));
        var second = await PostForRepliesAsync(TeamsActivities.MembersAdded(conversation));

        var welcome = Assert.Single(first)!;
        Assert.Equal("Vid akut fara: ring 112", FirstTextBlock(welcome));
        Assert.Contains("inte den enskilda förtroendevalda", AllText(welcome), StringComparison.Ordinal);
        Assert.Empty(second);
    }

    [Fact]
    public async Task PostInstallationUpdate_Add_IsAcceptedWithoutASecondGreeting()
    {
        // The conversationUpdate that Teams sends with it greets; two greetings would race.
        var replies = await PostForRepliesAsync(TeamsActivities.InstallationAdd(NewConversationId(), "en-GB"));

        Assert.Empty(replies);
    }

    [Fact]
    public async Task PostMessage_Turn_StoresConversationStateInAzurite()
    {
        var conversation = NewConversationId();
        await PostForRepliesAsync(TeamsActivities.Message(conversation, "hej"));

        var table = new TableClient(_azurite.ConnectionString, BotFactory.StateTable);
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            keys.Add(entity.PartitionKey + "|" + entity.RowKey);
        }

        Assert.Contains(keys, k => k.Contains(conversation, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"type\":\"message\",", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("not json at all", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":\"no type\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"type\":\"message\",\"text\":\"\\ud800\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"type\":\"message\",\"text\":\"hej\"}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest)]
    public async Task PostMessage_BadBody_Gets4xxNot500(string body, string contentType, HttpStatusCode expected)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task PostMessage_OneMegabyteBody_Gets413()
    {
        var activity = TeamsActivities.Message(NewConversationId(), new string('x', 1024 * 1024));
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostMessage_MissingConversation_Gets4xxNot500()
    {
        var activity = TeamsActivities.Message(NewConversationId(), "hej");
        activity.Remove("conversation");
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task GetHealthz_StorageAnswers_ReportsHealthy()
    {
        using var response = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

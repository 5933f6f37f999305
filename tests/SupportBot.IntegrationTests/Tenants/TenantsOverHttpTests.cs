using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.IntegrationTests.Hosting;
using SupportBot.IntegrationTests.Reliability;
using SupportBot.IntegrationTests.Telemetry;

namespace SupportBot.IntegrationTests.Tenants;

/// <summary>
/// Many organisations, one service, over HTTP on Azurite: a tenant that never joined is refused and leaves no trace in
/// any table; a case is filed under the organisation of the verified tenant; shared rooms get no case work.
/// </summary>
[Collection(HostingOnAzurite.Name)]
public sealed class TenantsOverHttpTests(AzuriteFixture azurite)
{
    private const string StrangerTenant = "5e5e5e5e-0000-4000-8000-00000000005e";

    private static JsonObject InTenant(JsonObject activity, string tenantId)
    {
        activity["conversation"]!["tenantId"] = tenantId;
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        return activity;
    }

    private static JsonObject From(JsonObject activity, string userId, string aad)
    {
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = "Främling Utanförsson", ["aadObjectId"] = aad };
        return activity;
    }

    private static async Task<JsonArray> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!["activities"]?.AsArray() ?? [];
    }

    /// <summary>Every property of every entity of every table, keys included, as text (binary state chunks decoded as UTF-8).</summary>
    private async Task<string> EverythingStoredAsync()
    {
        var service = TableClients.FromConnectionString(azurite.ConnectionString);
        var all = new System.Text.StringBuilder();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in entity)
                {
                    all.Append(table.Name).Append('|').Append(key).Append('=')
                        .Append(value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : value?.ToString()).Append('\n');
                }
            }
        }

        return all.ToString();
    }

    [Fact]
    public async Task ActivitiesFromATenantThatNeverJoined_GetTheRefusalCardAndNothingIsStoredAnywhere()
    {
        await using var host = new BotFactory(azurite.ConnectionString);
        using var client = host.CreateClient();
        var conversation = "a:stranger-" + Guid.NewGuid().ToString("N");
        var userId = "29:stranger-" + Guid.NewGuid().ToString("N");
        var aad = Guid.NewGuid().ToString();

        var greeting = await PostAsync(client, From(InTenant(TeamsActivities.MembersAdded(conversation), StrangerTenant), userId, aad));
        var report = await PostAsync(client, From(InTenant(TeamsActivities.Message(conversation, "rapportera"), StrangerTenant), userId, aad));
        var click = InTenant(TeamsActivities.Message(conversation, string.Empty), StrangerTenant);
        click.Remove("text");
        click["value"] = new JsonObject { ["verb"] = "answer", ["step"] = "danger", ["value"] = "no" };
        var clicked = await PostAsync(client, From(click, userId, aad));
        var installed = await PostAsync(client, From(InTenant(TeamsActivities.InstallationAdd(conversation), StrangerTenant), userId, aad));

        foreach (var reply in new[] { greeting, report, clicked })
        {
            var card = Assert.Single(reply)!["attachments"]![0]!["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.Contains("Vid akut fara: ring 112", card, StringComparison.Ordinal);
            Assert.Contains("inte ansluten", card, StringComparison.Ordinal);
            Assert.True(card.IndexOf("112", StringComparison.Ordinal) < card.IndexOf("inte ansluten", StringComparison.Ordinal), "112 comes first");
        }

        Assert.Empty(installed);
        var stored = await EverythingStoredAsync();
        foreach (var trace in new[] { conversation, userId, aad, StrangerTenant, "Främling" })
        {
            Assert.DoesNotContain(trace, stored, StringComparison.OrdinalIgnoreCase);
        }

        ReliabilityFigures.Record("entities stored for a tenant that never joined", 0, required: 0);
    }

    [Fact]
    public async Task Triage_FromAOneOrganisationTenant_NeverAsksTheOrganisationAndFilesTheCaseUnderItsCode()
    {
        var organisation = TestOrganisations.Next();
        await using var host = new BotFactory(azurite.ConnectionString, TestOrganisations.Onboard(TeamsActivities.TenantId, organisation));
        using var client = host.CreateClient();
        var conversation = "a:tenant-triage-" + Guid.NewGuid().ToString("N");
        JsonObject Click(string step, string value)
        {
            var activity = TeamsActivities.Message(conversation, string.Empty);
            activity.Remove("text");
            activity["value"] = new JsonObject { ["verb"] = "answer", ["step"] = step, ["value"] = value };
            return activity;
        }

        var asked = new List<string> { (await PostAsync(client, TeamsActivities.Message(conversation, "rapportera"))).ToJsonString() };
        foreach (var (step, value) in new[] { ("danger", "no"), ("what", "prevention"), ("when", "upcoming"), ("reporter-role", "security-officer") })
        {
            asked.Add((await PostAsync(client, Click(step, value))).ToJsonString());
        }

        var guidance = (await PostAsync(client, Click("description", string.Empty))).ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.DoesNotContain(asked, a => a.Contains("\"step\":\"organisation\"", StringComparison.Ordinal));
        Assert.Contains("HH-", guidance, StringComparison.Ordinal);
        var table = TableClients.FromConnectionString(azurite.ConnectionString).GetTableClient("Incidents");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == organisation.Code))
        {
            rows.Add(row);
        }

        var saved = Assert.Single(rows);
        Assert.Equal((TeamsActivities.TenantId, organisation.Code, organisation.Name), (saved.GetString("TenantId"), saved.GetString("OrganisationCode"), saved.GetString("OrganisationName")));
    }

    [Theory]
    [InlineData("groupChat", "rapportera")]
    [InlineData("channel", "rapportera")]
    [InlineData("groupChat", "mina ärenden")]
    [InlineData("channel", "mina ärenden")]
    public async Task CaseWorkInASharedRoom_StartsNoTriageShowsNoCaseAndOpensThePersonalChat(string conversationType, string text)
    {
        using var connector = new FakeConnector();
        await using var host = new BotFactory(azurite.ConnectionString);
        using var client = host.CreateClient();
        var room = "19:room-" + Guid.NewGuid().ToString("N") + "@thread.v2";
        var activity = TeamsActivities.Message(room, text);
        activity["conversation"]!["conversationType"] = conversationType;
        activity["conversation"]!["isGroup"] = true;
        activity["serviceUrl"] = connector.ServiceUrl;

        var reply = Assert.Single(await PostAsync(client, activity))!;
        var next = TeamsActivities.Message(room, "nej");
        next["conversation"]!["conversationType"] = conversationType;
        next["serviceUrl"] = connector.ServiceUrl;
        var afterwards = await PostAsync(client, next);

        Assert.Empty(reply["attachments"]?.AsArray() ?? []);
        Assert.Contains("personlig chatt", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("HH-", reply.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("POST /v3/conversations", connector.Requests);
        // No triage was started in the room: "nej" is no answer to anything, just unknown text there.
        Assert.DoesNotContain("Vad har hänt?", afterwards.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivityNamingAServiceUrlOutsideTheAllowList_Gets403AndNothingIsSent()
    {
        await using var host = new BotFactory(azurite.ConnectionString);
        using var client = host.CreateClient();
        var activity = TeamsActivities.Message("a:evil-" + Guid.NewGuid().ToString("N"), "hjälp");
        activity["serviceUrl"] = "https://smba.trafficmanager.net.evil.example/emea/";

        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TeamsActivities.Json(activity));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

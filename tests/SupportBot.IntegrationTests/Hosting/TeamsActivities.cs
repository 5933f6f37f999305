using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>Activity JSON shaped as Teams sends it (personal chat unless stated), asking for replies inline.</summary>
public static class TeamsActivities
{
    public const string TenantId = "72f988bf-0000-4000-8000-000000000001";

    /// <summary>SKR's tenant, where the advisers are (configured as each adviser's TenantId).</summary>
    public const string AdviserTenantId = "5c5c5c5c-0000-4000-8000-00000000005c";
    public const string BotId = "28:00000000-0000-4000-8000-00000000b075";

    public static JsonObject Message(string conversationId, string text, string locale = "sv-SE") =>
        Base("message", conversationId, locale, new JsonObject { ["text"] = text, ["textFormat"] = "plain" });

    public static JsonObject MembersAdded(string conversationId, string locale = "sv-SE") =>
        Base("conversationUpdate", conversationId, locale, new JsonObject
        {
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:user-1", ["aadObjectId"] = "00000000-0000-4000-8000-000000000001" }),
        });

    public static JsonObject InstallationAdd(string conversationId, string locale = "sv-SE") =>
        Base("installationUpdate", conversationId, locale, new JsonObject { ["action"] = "add" });

    public static StringContent Json(JsonNode activity) => Json(activity.ToJsonString());

    public static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static JsonObject Base(string type, string conversationId, string locale, JsonObject extra)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = "f:" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["localTimestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Kim Testsson", ["aadObjectId"] = "00000000-0000-4000-8000-000000000001" },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = conversationId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "SupportBot" },
            ["entities"] = new JsonArray(new JsonObject { ["locale"] = locale, ["country"] = "SE", ["platform"] = "Web", ["type"] = "clientInfo" }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = locale,
            ["deliveryMode"] = "expectReplies",
        };
        foreach (var (key, value) in extra)
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }
}

using System.Buffers;
using System.Text.Json;

namespace SupportBot.LoadTool;

/// <summary>One person in one Teams conversation, as the activities name them.</summary>
public sealed record Participant(string ConversationId, string UserId, string AadObjectId, string Name);

/// <summary>
/// Activity JSON as Teams sends it (personal chat, Swedish client): typed text, a card's Action.Submit (a message with
/// <c>value</c>) and an Action.Execute invoke. Written straight to UTF-8 so that the load generator allocates little
/// of what the process-wide allocation figures count.
/// </summary>
public static class Activities
{
    public const string TenantId = "72f988bf-0000-4000-8000-0000000be4c1";
    public const string BotId = "28:00000000-0000-4000-8000-00000000b075";

    public static byte[] Text(Uri serviceUrl, Participant from, string text) =>
        Write(serviceUrl, from, "message", expectReplies: true, w =>
        {
            w.WriteString("text", text);
            w.WriteString("textFormat", "plain");
        });

    /// <summary>An Action.Submit click: the card's data arrives as the message's value, without text.</summary>
    public static byte[] Submit(Uri serviceUrl, Participant from, params (string Name, string Value)[] data) =>
        Write(serviceUrl, from, "message", expectReplies: true, w =>
        {
            w.WriteStartObject("value");
            foreach (var (name, value) in data)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
        });

    /// <summary>
    /// An Action.Execute click: an <c>adaptiveCard/action</c> invoke, answered in the HTTP response itself. Its data is
    /// what the adviser's case card puts on its buttons (cards/templates/escalation.json), the card's language included.
    /// </summary>
    public static byte[] Execute(Uri serviceUrl, Participant from, string verb, string organisationKey, string caseNumber, int version, string language = "sv") =>
        Write(serviceUrl, from, "invoke", expectReplies: false, w =>
        {
            w.WriteString("name", "adaptiveCard/action");
            w.WriteStartObject("value");
            w.WriteStartObject("action");
            w.WriteString("type", "Action.Execute");
            w.WriteString("verb", verb);
            w.WriteStartObject("data");
            w.WriteString("org", organisationKey);
            w.WriteString("case", caseNumber);
            w.WriteNumber("version", version);
            w.WriteString("lang", language);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("trigger", "manual");
            w.WriteEndObject();
        });

    private static byte[] Write(Uri serviceUrl, Participant from, string type, bool expectReplies, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            var now = DateTimeOffset.UtcNow;
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("id", "f:" + Guid.NewGuid().ToString("N"));
            w.WriteString("timestamp", now);
            w.WriteString("localTimestamp", now);
            w.WriteString("serviceUrl", serviceUrl.ToString());
            w.WriteString("channelId", "msteams");
            w.WriteStartObject("from");
            w.WriteString("id", from.UserId);
            w.WriteString("name", from.Name);
            w.WriteString("aadObjectId", from.AadObjectId);
            w.WriteEndObject();
            w.WriteStartObject("conversation");
            w.WriteString("conversationType", "personal");
            w.WriteString("tenantId", TenantId);
            w.WriteString("id", from.ConversationId);
            w.WriteEndObject();
            w.WriteStartObject("recipient");
            w.WriteString("id", BotId);
            w.WriteString("name", "SupportBot");
            w.WriteEndObject();
            w.WriteStartArray("entities");
            w.WriteStartObject();
            w.WriteString("type", "clientInfo");
            w.WriteString("locale", "sv-SE");
            w.WriteString("country", "SE");
            w.WriteString("platform", "Web");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("channelData");
            w.WriteStartObject("tenant");
            w.WriteString("id", TenantId);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("locale", "sv-SE");
            if (expectReplies)
            {
                w.WriteString("deliveryMode", "expectReplies");
            }

            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

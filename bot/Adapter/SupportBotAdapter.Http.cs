using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace SupportBot.Bot.Adapter;

/// <summary>
/// A POST to the messages endpoint, from the body the endpoint has already read and checked. The SDK's
/// <see cref="CloudAdapter.ProcessAsync(HttpRequest, HttpResponse, IBot, CancellationToken)"/> copies the body once more,
/// and writes the answer indented, walking every card through the attachment converter (which looks for streams and
/// copies the card's whole tree to do so): about 50 KB per card turn. Here the same authentication and turn run
/// (<see cref="CloudAdapterBase"/>), the activity is read with the SDK's own settings, and the answer is written
/// compactly with cards as they are. Web socket connections (streaming) are not served by this bot.
/// </summary>
public sealed partial class SupportBotAdapter
{
    private static readonly JsonSerializer s_answerSerializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        // The SDK's settings (HttpHelper.BotMessageSerializerSettings), compact, and cards passed through as they are.
        NullValueHandling = HttpHelper.BotMessageSerializerSettings.NullValueHandling,
        DateFormatHandling = HttpHelper.BotMessageSerializerSettings.DateFormatHandling,
        DateTimeZoneHandling = HttpHelper.BotMessageSerializerSettings.DateTimeZoneHandling,
        ReferenceLoopHandling = HttpHelper.BotMessageSerializerSettings.ReferenceLoopHandling,
        Converters = HttpHelper.BotMessageSerializerSettings.Converters,
        ContractResolver = new CardsAsTheyAreResolver(),
        Formatting = Formatting.None,
    });

    /// <summary>Runs the turn for <paramref name="body"/> (a complete activity's JSON) and writes the answer to <paramref name="response"/>.</summary>
    public async Task ProcessBodyAsync(byte[] body, HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(bot);
        var activity = ReadActivity(body);
        if (string.IsNullOrEmpty(activity?.Type))
        {
            response.StatusCode = (int)HttpStatusCode.BadRequest;
            return;
        }

        InvokeResponse? answer;
        try
        {
            answer = await ProcessActivityAsync(request.Headers.Authorization, activity, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException)
        {
            response.StatusCode = (int)HttpStatusCode.Unauthorized;
            return;
        }

        await WriteAnswerAsync(response, answer, cancellationToken).ConfigureAwait(false);
    }

    private static Activity? ReadActivity(byte[] body)
    {
        try
        {
            using var text = new StreamReader(new MemoryStream(body, writable: false), System.Text.Encoding.UTF8);
            using var json = new JsonTextReader(text) { MaxDepth = null };
            return HttpHelper.BotMessageSerializer.Deserialize<Activity>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAnswerAsync(HttpResponse response, InvokeResponse? answer, CancellationToken cancellationToken)
    {
        if (answer is null)
        {
            response.StatusCode = (int)HttpStatusCode.OK;
            return;
        }

        response.StatusCode = answer.Status;
        if (answer.Body is null)
        {
            return;
        }

        response.ContentType = "application/json";
        using var buffer = new MemoryStream(4096);
        using (var text = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1024, leaveOpen: true))
        using (var json = new JsonTextWriter(text))
        {
            s_answerSerializer.Serialize(json, answer.Body);
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The SDK's contract resolver, except that an attachment whose content is already a JSON tree (every card this bot
    /// builds) is written straight from it; other content goes through the SDK's own converter as before.
    /// </summary>
    private sealed class CardsAsTheyAreResolver : Microsoft.Rest.Serialization.ReadOnlyJsonContractResolver
    {
        protected override JsonProperty CreateProperty(System.Reflection.MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (property.Converter is { } sdkConverter && property.PropertyName == "content" && member.DeclaringType == typeof(Attachment))
            {
                property.Converter = new TreeOrSdkConverter(sdkConverter);
            }

            return property;
        }
    }

    private sealed class TreeOrSdkConverter(JsonConverter sdk) : JsonConverter
    {
        public override bool CanRead => false;

        public override bool CanConvert(Type objectType) => true;

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
            throw new NotSupportedException("Answers are only written.");

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (value is JToken tree)
            {
                tree.WriteTo(writer);
                return;
            }

            sdk.WriteJson(writer, value, serializer);
        }
    }
}

using System.Text.Json;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.Options;
using SupportBot.Bot.Options;
using SupportBot.Bot.Adapter;
using SupportBot.Bot.Authentication;

namespace SupportBot.Bot.Endpoints;

/// <summary>
/// <c>POST /api/messages</c>: a thin guard in front of the SDK adapter. The bare adapter answers 500 to
/// oversized bodies and to JSON it cannot read; a bad request deserves a 4xx instead.
/// </summary>
public static class MessagesEndpoint
{
    /// <summary>Teams messages stay under ~100 KB; anything far larger is not a Teams activity.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapMessagesEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot, ServiceUrlPolicy serviceUrls, IOptions<BotCredentialsOptions> credentials)
    {
        var request = http.Request;
        if (credentials.Value.IsAnonymous && !IsLoopback(http.Connection.RemoteIpAddress))
        {
            // Anonymous mode (Development only) serves the developer's own machine, never the network.
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!IsJsonContentType(request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = await ReadLimitedAsync(request.Body, request.ContentLength, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!IsReadableActivityJson(body, out var tenantId))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!serviceUrls.IsAllowed(ServiceUrlOf(body)))
        {
            // The bot would POST its replies to that URL: only Teams' own connector hosts are answered.
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        try
        {
            // The SDK creates the turn's connector (and requests its token) before any middleware runs: the
            // conversation's tenant must already be known here, so that the token comes from that tenant.
            using (ConversationTenant.Use(tenantId))
            {
                if (adapter is SupportBotAdapter ours)
                {
                    // The bot's adapter takes the body as read here (no second copy) and writes a compact answer.
                    await ours.ProcessBodyAsync(body, request, http.Response, bot, http.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    request.Body = new MemoryStream(body, writable: false);
                    await adapter.ProcessAsync(request, http.Response, bot, http.RequestAborted).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (IsMalformedToken(ex) && !http.Response.HasStarted)
        {
            // The adapter turns a rejected token into 401, but a token that cannot even be decoded escapes
            // from the SDK's skill-token check as an ArgumentException. It is still an unauthenticated request.
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    /// <summary>
    /// <c>application/json</c> with any parameters (charset); a prefix test would also let through look-alikes such as
    /// <c>application/jsonp</c> or <c>application/json-patch+json</c>.
    /// </summary>
    internal static bool IsJsonContentType(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsMalformedToken(Exception ex) =>
        ex is Microsoft.IdentityModel.Tokens.SecurityTokenException
        || (ex is ArgumentException && ex.Source is { } source
            && (source.StartsWith("System.IdentityModel", StringComparison.Ordinal) || source.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal)));

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength is { } length and >= 0 and <= MaxBodyBytes)
        {
            // Teams sends the length (the server holds the body to it): read into an array of that size, with no chunk
            // buffer and no growing copies (≈ 16 KB less per turn).
            var exact = new byte[length];
            var filled = 0;
            int got;
            while (filled < exact.Length && (got = await body.ReadAsync(exact.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += got;
            }

            return filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A JSON object with the fields every Bot Framework activity carries (<c>type</c>, <c>channelId</c>,
    /// <c>serviceUrl</c>, <c>conversation.id</c>, <c>from.id</c>), whose strings are all valid UTF-16 (a lone
    /// surrogate escape would make the adapter fail with a 500).
    /// </summary>
    internal static bool IsReadableActivityJson(byte[] body) => IsReadableActivityJson(body, out _);

    /// <inheritdoc cref="IsReadableActivityJson(byte[])"/>
    /// <param name="body">The request body.</param>
    /// <param name="tenantId">The conversation's tenant (<c>conversation.tenantId</c>, else <c>channelData.tenant.id</c>); null when absent.</param>
    internal static bool IsReadableActivityJson(byte[] body, out string? tenantId)
    {
        tenantId = null;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            var readable = root.ValueKind == JsonValueKind.Object
                && HasString(root, "type")
                && HasString(root, "channelId")
                && HasString(root, "serviceUrl")
                && root.TryGetProperty("conversation", out var conversation) && conversation.ValueKind == JsonValueKind.Object && HasString(conversation, "id")
                && root.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object && HasString(from, "id")
                && AllStringsValid(root);
            if (readable)
            {
                tenantId = TenantOf(root);
            }

            return readable;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate.
            return false;
        }
    }

    /// <summary>The activity's <c>serviceUrl</c> (present: <see cref="IsReadableActivityJson"/> checked it).</summary>
    internal static string? ServiceUrlOf(byte[] body)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        return document.RootElement.GetProperty("serviceUrl").GetString();
    }

    /// <summary>A loopback caller; no address at all only happens in-process (the test server), never on a socket.</summary>
    internal static bool IsLoopback(System.Net.IPAddress? address) => address is null || System.Net.IPAddress.IsLoopback(address);

    /// <summary>Teams puts the tenant in <c>conversation.tenantId</c> and in <c>channelData.tenant.id</c>; either will do.</summary>
    private static string? TenantOf(JsonElement activity)
    {
        if (activity.TryGetProperty("conversation", out var conversation) && HasString(conversation, "tenantId"))
        {
            return conversation.GetProperty("tenantId").GetString();
        }

        return activity.TryGetProperty("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object
            && channelData.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object && HasString(tenant, "id")
            ? tenant.GetProperty("id").GetString()
            : null;
    }

    private static bool HasString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    private static bool AllStringsValid(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsValidUtf16(property.Name) || !AllStringsValid(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!AllStringsValid(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                return IsValidUtf16(element.GetString()!);
            default:
                return true;
        }
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

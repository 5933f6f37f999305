using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SupportBot.Storage.Tables;

/// <summary>
/// Signs each Table request with the account key, Shared Key Lite as the Table service defines it
/// (<see href="https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-shared-key#shared-key-lite-and-table-service-format-for-2009-09-19-and-later"/>):
/// the <c>x-ms-date</c> and the canonical resource, HMAC-SHA256 with the key. Used for connection strings (Azurite);
/// Azure uses the managed identity. Why not the SDK's own signer: Azure.Data.Tables 12.13 creates an
/// <see cref="HMACSHA256"/> for every request and never disposes it, so the finalizer thread frees them all; under load
/// that took about three quarters of one of the machine's two cores (dotnet-trace, docs/performance.md). The one-shot
/// <see cref="HMACSHA256.HashData(byte[], byte[])"/> keeps nothing to finalise.
/// </summary>
public sealed class SharedKeyLiteSigner : HttpPipelineSynchronousPolicy
{
    private readonly string _accountName;
    private readonly byte[] _key;

    public SharedKeyLiteSigner(string accountName, byte[] key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(key);
        _accountName = accountName;
        _key = key;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        base.OnSendingRequest(message);
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(date + "\n" + CanonicalResource(message.Request.Uri.ToUri()))));
        message.Request.Headers.SetValue("Authorization", "SharedKeyLite " + _accountName + ":" + signature);
    }

    /// <summary>"/" + account + the path (of an Azurite URL too, whose path starts with the account) + "?comp=…" when the query has it.</summary>
    internal string CanonicalResource(Uri uri)
    {
        var resource = "/" + _accountName + (uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                return resource + "?comp=" + pair["comp=".Length..];
            }
        }

        return resource;
    }

    /// <summary>
    /// The account name and key of a connection string that has them (Azurite's included), and where its tables are;
    /// false for anything else (a SAS, <c>UseDevelopmentStorage=true</c>), which is left to the SDK.
    /// </summary>
    public static bool TryParse(string connectionString, out string accountName, out byte[] key, out Uri tableEndpoint)
    {
        (accountName, key, tableEndpoint) = (string.Empty, [], null!);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (connectionString ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[part[..equals]] = part[(equals + 1)..];
            }
        }

        if (!parts.TryGetValue("AccountName", out var name) || !parts.TryGetValue("AccountKey", out var keyText)
            || !parts.TryGetValue("TableEndpoint", out var endpointText) || parts.ContainsKey("SharedAccessSignature")
            || !Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint))
        {
            return false;
        }

        var bytes = new byte[keyText.Length];
        if (!Convert.TryFromBase64String(keyText, bytes, out var length))
        {
            return false;
        }

        (accountName, key, tableEndpoint) = (name, bytes[..length], endpoint);
        return true;
    }
}

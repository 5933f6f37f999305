using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using SupportBot.Storage.Tables;

namespace SupportBot.Tests.Storage;

/// <summary>Shared Key Lite for the Table service, as the storage documentation defines the string to sign.</summary>
public sealed class SharedKeyLiteSignerTests
{
    private static readonly byte[] s_key = Convert.FromBase64String("a2V5LWZvci10ZXN0cy1vbmx5LTMyLWJ5dGVzLWxvbmchIQ==");

    public static TheoryData<string, string> Resources() => new()
    {
        // Azurite's path-style URL keeps the account in the path, after the account the scheme itself puts first.
        { "http://127.0.0.1:10002/devstoreaccount1/BotState(PartitionKey='p',RowKey='r')?timeout=30", "/devstoreaccount1/devstoreaccount1/BotState(PartitionKey='p',RowKey='r')" },
        { "http://127.0.0.1:10002/devstoreaccount1/$batch?timeout=30", "/devstoreaccount1/devstoreaccount1/$batch" },
        { "http://127.0.0.1:10002/devstoreaccount1/?restype=service&comp=properties&timeout=30", "/devstoreaccount1/devstoreaccount1/?comp=properties" },
        { "http://127.0.0.1:10002", "/devstoreaccount1/" },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void CanonicalResource_ForRequestUri_IsAccountPathAndCompOnly(string uri, string expected) =>
        Assert.Equal(expected, new SharedKeyLiteSigner("devstoreaccount1", s_key).CanonicalResource(new Uri(uri)));

    [Fact]
    public void OnSendingRequest_AnyRequest_SignsTheDateAndResourceWithTheKey()
    {
        var pipeline = HttpPipelineBuilder.Build(new TestOptions());
        using var message = pipeline.CreateMessage();
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:10002/devstoreaccount1/Incidents?timeout=30"));

        new SharedKeyLiteSigner("devstoreaccount1", s_key).OnSendingRequest(message);

        Assert.True(message.Request.Headers.TryGetValue("x-ms-date", out var date));
        Assert.True(message.Request.Headers.TryGetValue("Authorization", out var authorization));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(s_key, Encoding.UTF8.GetBytes(date + "\n/devstoreaccount1/devstoreaccount1/Incidents")));
        Assert.Equal("SharedKeyLite devstoreaccount1:" + expected, authorization);
    }

    public static TheoryData<string, bool> ConnectionStrings() => new()
    {
        { "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;", true },
        { "UseDevelopmentStorage=true", false },
        { "AccountName=a;AccountKey=not base64!;TableEndpoint=http://127.0.0.1:10002/a;", false },
        { "AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/a;SharedAccessSignature=sv=1", false },
        { "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net", false },
        { string.Empty, false },
    };

    [Theory]
    [MemberData(nameof(ConnectionStrings))]
    public void TryParse_ConnectionString_OnlyAnAccountKeyWithAnExplicitTableEndpointIsSignedHere(string connectionString, bool parsed) =>
        Assert.Equal(parsed, SharedKeyLiteSigner.TryParse(connectionString, out _, out _, out _));

    private sealed class TestOptions : ClientOptions
    {
    }
}

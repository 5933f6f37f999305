using System.Text;
using SupportBot.Bot.Endpoints;

namespace SupportBot.Tests.Endpoints;

public sealed class MessagesEndpointTests
{
    private const string Envelope = "\"channelId\":\"msteams\",\"serviceUrl\":\"https://smba.example/\",\"conversation\":{\"id\":\"a:1\"},\"from\":{\"id\":\"29:1\"}";

    [Theory]
    [InlineData("""{"type":"message","text":"hej",ENVELOPE}""", true)]
    [InlineData("""{"type":"message","text":"emoji 😀 och åäö",ENVELOPE}""", true)]
    [InlineData("""{"type":"message","text":"\ud83d\ude00",ENVELOPE}""", true)]
    [InlineData("""{"type":"message","text":"\ud800",ENVELOPE}""", false)]
    [InlineData("""{"type":"message","text":"\udc00x",ENVELOPE}""", false)]
    [InlineData("""{"type":"message","value":{"k\ud800":"v"},ENVELOPE}""", false)]
    [InlineData("""{"type":"message","text":"hej\u0000",ENVELOPE}""", true)]
    [InlineData("""{"type":1,ENVELOPE}""", false)]
    [InlineData("""{"text":"no type",ENVELOPE}""", false)]
    [InlineData("""{"type":"message","text":"no envelope"}""", false)]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x/","from":{"id":"29:1"}}""", false)]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x/","conversation":{"id":""},"from":{"id":"29:1"}}""", false)]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x/","conversation":"a:1","from":{"id":"29:1"}}""", false)]
    [InlineData("""[{"type":"message"}]""", false)]
    [InlineData("""{"type":"message",""", false)]
    [InlineData("not json", false)]
    [InlineData("", false)]
    [InlineData("null", false)]
    public void IsReadableActivityJson_Body_ClassifiesCorrectly(string body, bool expected) =>
        Assert.Equal(expected, MessagesEndpoint.IsReadableActivityJson(Encoding.UTF8.GetBytes(body.Replace("ENVELOPE", Envelope, StringComparison.Ordinal))));

    [Theory]
    [InlineData("""{"conversation":{"id":"a:1","tenantId":"t-conv"},"channelData":{"tenant":{"id":"t-data"}}}""", "t-conv")]
    [InlineData("""{"conversation":{"id":"a:1"},"channelData":{"tenant":{"id":"t-data"}}}""", "t-data")]
    [InlineData("""{"conversation":{"id":"a:1","tenantId":""},"channelData":{"tenant":{"id":"t-data"}}}""", "t-data")]
    [InlineData("""{"conversation":{"id":"a:1"},"channelData":{"tenant":"t-data"}}""", null)]
    [InlineData("""{"conversation":{"id":"a:1"}}""", null)]
    public void IsReadableActivityJson_TeamsActivity_ReadsTheConversationsTenant(string partial, string? expected)
    {
        var body = """{"type":"message","channelId":"msteams","serviceUrl":"https://smba.example/","from":{"id":"29:1"},""" + partial[1..];

        Assert.True(MessagesEndpoint.IsReadableActivityJson(Encoding.UTF8.GetBytes(body), out var tenant));
        Assert.Equal(expected, tenant);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("application/jsonp", false)]
    [InlineData("application/json-patch+json", false)]
    [InlineData("text/plain", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsJsonContentType_Header_AcceptsOnlyApplicationJson(string? contentType, bool expected) =>
        Assert.Equal(expected, MessagesEndpoint.IsJsonContentType(contentType));

    [Fact]
    public void IsReadableActivityJson_DeeplyNested_IsRefused()
    {
        var body = "{\"type\":\"message\"," + Envelope + ",\"value\":" + new string('[', 200) + new string(']', 200) + "}";
        Assert.False(MessagesEndpoint.IsReadableActivityJson(Encoding.UTF8.GetBytes(body)));
    }
}

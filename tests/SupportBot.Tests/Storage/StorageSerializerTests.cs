using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.Tests.Storage;

public class StorageSerializerTests
{
    [Fact]
    public void RoundTrip_TypedObject_ComesBackAsItsType()
    {
        var value = new SampleState { Name = "Ä/ö", Count = 3, Tags = ["a", "b"], When = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)) };

        var back = Assert.IsType<SampleState>(RoundTrip(value));

        Assert.Equal("Ä/ö", back.Name);
        Assert.Equal(3, back.Count);
        Assert.Equal(["a", "b"], back.Tags);
        Assert.Equal(value.When, back.When);
    }

    [Fact]
    public void RoundTrip_BotStateDictionary_ComesBackAsDictionaryWithTypedEntries()
    {
        var value = new Dictionary<string, object>
        {
            ["counter"] = new SampleState { Count = 7 },
            ["reference"] = new ConversationReference { ChannelId = "msteams", Conversation = new ConversationAccount(id: "c1") },
            ["activity"] = new Activity { Type = ActivityTypes.Message, Text = "hi" },
            ["json"] = new JObject { ["x"] = 1 },
            ["numbers"] = new List<int> { 1, 2 },
            ["map"] = new Dictionary<string, Guid> { ["g"] = Guid.Empty },
        };

        var back = Assert.IsType<Dictionary<string, object>>(RoundTrip(value));

        Assert.Equal(7, Assert.IsType<SampleState>(back["counter"]).Count);
        Assert.Equal("c1", Assert.IsType<ConversationReference>(back["reference"]).Conversation.Id);
        Assert.Equal("hi", Assert.IsType<Activity>(back["activity"]).Text);
        Assert.Equal(1, (int)Assert.IsType<JObject>(back["json"])["x"]!);
        Assert.Equal([1, 2], Assert.IsType<List<int>>(back["numbers"]));
        Assert.IsType<Dictionary<string, Guid>>(back["map"]);
    }

    [Fact]
    public void RoundTrip_JObject_ComesBackAsJObject()
    {
        var back = Assert.IsType<JObject>(RoundTrip(new JObject { ["a"] = "b", ["n"] = new JArray(1, 2) }));

        Assert.Equal("b", (string?)back["a"]);
    }

    [Fact]
    public void ToUtf8Json_TypeNotOnTheAllowList_IsRefusedWhenWritten()
    {
        var value = new Dictionary<string, object> { ["pair"] = Tuple.Create(1, 2) };

        var ex = Assert.ThrowsAny<JsonException>(() => StorageSerializer.ToUtf8Json(value));

        Assert.Contains("not allowed", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System.IO.FileInfo, System.Private.CoreLib")]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    [InlineData("System.Collections.Generic.List`1[[System.IO.FileInfo, System.Private.CoreLib]], System.Private.CoreLib")]
    [InlineData("System.IO.FileInfo[], System.Private.CoreLib")]
    [InlineData("System.Windows.Data.ObjectDataProvider, PresentationFramework")]
    [InlineData("Nope.Type, Nope.Assembly")]
    public void FromUtf8Json_StoredTypeNotOnTheAllowList_IsRefused(string typeName)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"$type":"{{typeName}}","fileName":"/tmp/x"}""");

        var ex = Assert.ThrowsAny<JsonException>(() => StorageSerializer.FromUtf8Json(json));

        Assert.Contains("not allowed", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(int))]
    [InlineData(typeof(string))]
    [InlineData(typeof(Dictionary<string, object>))]
    [InlineData(typeof(List<KeyValuePair<string, DateTimeOffset?>>))]
    [InlineData(typeof(SampleState[]))]
    [InlineData(typeof(Activity))]
    [InlineData(typeof(ConversationReference))]
    [InlineData(typeof(JArray))]
    public void IsAllowed_ExpectedStateTypes_AreAllowed(Type type)
    {
        Assert.True(AllowListSerializationBinder.IsAllowed(type));
    }

    [Theory]
    [InlineData(typeof(FileInfo))]
    [InlineData(typeof(Type))]
    [InlineData(typeof(List<FileInfo>))]
    [InlineData(typeof(Dictionary<string, FileInfo>))]
    [InlineData(typeof(FileInfo[]))]
    [InlineData(typeof(Action))]
    [InlineData(typeof(System.Text.Json.Nodes.JsonObject))]
    public void IsAllowed_OtherTypes_AreRefused(Type type)
    {
        Assert.False(AllowListSerializationBinder.IsAllowed(type));
    }

    private static object? RoundTrip(object value) => StorageSerializer.FromUtf8Json(StorageSerializer.ToUtf8Json(value));

    public sealed class SampleState
    {
        public string? Name { get; set; }

        public int Count { get; set; }

        public List<string> Tags { get; set; } = [];

        public DateTimeOffset When { get; set; }
    }
}

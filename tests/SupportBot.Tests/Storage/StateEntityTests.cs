using Azure.Data.Tables;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.Tests.Storage;

public class StateEntityTests
{
    [Fact]
    public void Create_ThenReadValue_GivesTheBytesBack()
    {
        var data = Enumerable.Range(0, 150_000).Select(i => (byte)i).ToArray();

        var entity = StateEntity.Create("pk", "the key", ValueChunker.Split(data));

        Assert.Equal(StateEntity.RowKey, entity.RowKey);
        Assert.Equal("the key", entity.GetString(StateEntity.KeyProperty));
        Assert.Equal(["D00", "D01", "D02"], entity.Keys.Where(k => k.StartsWith('D')).Order(StringComparer.Ordinal));
        Assert.Equal(data, StateEntity.ReadValue(entity, "the key"));
    }

    [Fact]
    public void ReadValue_EntityOfAnotherKey_IsNull()
    {
        var entity = StateEntity.Create("shared%h0123", "first long key", ValueChunker.Split([1, 2, 3]));

        Assert.Null(StateEntity.ReadValue(entity, "second long key"));
    }

    [Fact]
    public void ReadValue_EntityWithoutKeyProperty_IsNull()
    {
        Assert.Null(StateEntity.ReadValue(new TableEntity("pk", ""), "pk"));
    }

    [Fact]
    public void StateETag_StoreItemDictionaryAndJObject_CarryTheETag()
    {
        var item = new Item { ETag = "old" };
        var dictionary = new Dictionary<string, object> { ["eTag"] = "old" };
        var json = new JObject { ["eTag"] = "old" };

        Assert.Equal(["old", "old", "old"], new object[] { item, dictionary, json }.Select(StateETag.Get));

        foreach (var value in new object[] { item, dictionary, json })
        {
            StateETag.Set(value, "new");
        }

        Assert.Equal(["new", "new", "new"], new object[] { item, dictionary, json }.Select(StateETag.Get));
    }

    [Fact]
    public void StateETag_Refresh_UpdatesOnlyDictionariesThatCarryOne()
    {
        var item = new Item { ETag = "old" };
        var withETag = new Dictionary<string, object> { ["eTag"] = "old" };
        var without = new Dictionary<string, object>();

        foreach (var value in new object[] { item, withETag, without })
        {
            StateETag.Refresh(value, "new");
        }

        Assert.Equal("old", item.ETag);
        Assert.Equal("new", withETag["eTag"]);
        Assert.Empty(without);
    }

    [Fact]
    public void StateETag_PlainObject_HasNone()
    {
        Assert.Null(StateETag.Get(new { eTag = "x" }));
        Assert.Null(StateETag.Get(new Dictionary<string, object> { ["eTag"] = 5 }));
    }

    private sealed class Item : IStoreItem
    {
        public string? ETag { get; set; }
    }
}

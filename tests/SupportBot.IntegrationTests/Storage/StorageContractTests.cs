using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace SupportBot.IntegrationTests.Storage;

/// <summary>
/// The SDK's <see cref="IStorage"/> contract, as one suite every store runs. It runs against the SDK's own
/// <see cref="MemoryStorage"/> too, which proves the suite encodes the SDK's contract and not ours; behaviour only
/// our store has belongs in the store's derived class.
/// </summary>
public abstract class StorageContractTests
{
    private readonly Func<IStorage> _createStorage;

    protected StorageContractTests(Func<IStorage> createStorage)
    {
        _createStorage = createStorage;
    }

    protected IStorage CreateStorage() => _createStorage();

    /// <summary>Asserts that <paramref name="write"/> fails with the store's documented conflict exception.</summary>
    protected abstract Task AssertConflictAsync(Func<Task> write);

    [Fact]
    public async Task ReadAsync_UnknownKey_IsAbsentFromTheResult()
    {
        var storage = CreateStorage();

        var result = await storage.ReadAsync(["unknown"]);

        Assert.NotNull(result);
        Assert.False(result.ContainsKey("unknown"));
    }

    [Fact]
    public async Task ReadAsync_SomeKeysUnknown_ReturnsOnlyTheStoredOnes()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["known"] = new PocoItem { Id = "1" } });

        var result = await storage.ReadAsync(["unknown", "known"]);

        Assert.Equal(["known"], result.Keys);
    }

    [Fact]
    public async Task NullArguments_Throw()
    {
        var storage = CreateStorage();

        await Assert.ThrowsAsync<ArgumentNullException>(() => storage.ReadAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => storage.WriteAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => storage.DeleteAsync(null!));
    }

    [Fact]
    public async Task WriteAsync_NoChanges_DoesNothing()
    {
        var storage = CreateStorage();

        await storage.WriteAsync(new Dictionary<string, object>());

        Assert.Empty(await storage.ReadAsync([]));
    }

    [Fact]
    public async Task WriteAsync_TypedObjects_ReadBackAsTheirTypes()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object>
        {
            ["createPoco"] = new PocoItem { Id = "1" },
            ["createPocoStoreItem"] = new PocoStoreItem { Id = "2" },
        });

        var result = await storage.ReadAsync(["createPoco", "createPocoStoreItem"]);

        Assert.Equal("1", ((PocoItem)result["createPoco"]).Id);
        var storeItem = (PocoStoreItem)result["createPocoStoreItem"];
        Assert.Equal("2", storeItem.Id);
        Assert.False(string.IsNullOrEmpty(storeItem.ETag));
    }

    [Fact]
    public async Task WriteAsync_Dictionary_ReadsBackAsDictionaryWithTypedEntries()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object>
        {
            ["dictionary"] = new Dictionary<string, object> { ["counter"] = new TurnCounter { Turns = 4 }, ["name"] = "Åsa" },
        });

        var result = await storage.ReadAsync(["dictionary"]);

        var dictionary = Assert.IsAssignableFrom<IDictionary<string, object>>(result["dictionary"]);
        Assert.Equal(4, ((TurnCounter)dictionary["counter"]).Turns);
        Assert.Equal("Åsa", dictionary["name"]);
    }

    [Fact]
    public async Task WriteAsync_CrazyKey_RoundTrips()
    {
        const string key = "!@#$%^&*()~/\\><,.?';\"`~";
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { [key] = new PocoStoreItem { Id = "1" } });

        var result = await storage.ReadAsync([key]);

        Assert.Equal("1", ((PocoStoreItem)result[key]).Id);
    }

    [Fact]
    public async Task WriteAsync_StoreItemWithCurrentETag_SucceedsAndTheETagChanges()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new PocoStoreItem { Id = "1", Count = 1 } });
        var loaded = (PocoStoreItem)(await storage.ReadAsync(["item"]))["item"];

        loaded.Count++;
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = loaded });

        var reloaded = (PocoStoreItem)(await storage.ReadAsync(["item"]))["item"];
        Assert.Equal(2, reloaded.Count);
        Assert.False(string.IsNullOrEmpty(reloaded.ETag));
        Assert.NotEqual(loaded.ETag, reloaded.ETag);
    }

    [Fact]
    public async Task WriteAsync_StoreItemWithStaleETag_ThrowsAndKeepsTheStoredValue()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new PocoStoreItem { Id = "1", Count = 1 } });
        var first = (PocoStoreItem)(await storage.ReadAsync(["item"]))["item"];
        var second = (PocoStoreItem)(await storage.ReadAsync(["item"]))["item"];
        second.Count = 2;
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = second });

        first.Count = 123;
        await AssertConflictAsync(() => storage.WriteAsync(new Dictionary<string, object> { ["item"] = first }));

        Assert.Equal(2, ((PocoStoreItem)(await storage.ReadAsync(["item"]))["item"]).Count);
    }

    [Fact]
    public async Task WriteAsync_PlainObjectWrittenFromAnOldRead_LastWriterWins()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["poco"] = new PocoItem { Id = "1", Count = 1 } });
        var first = (PocoItem)(await storage.ReadAsync(["poco"]))["poco"];
        await storage.WriteAsync(new Dictionary<string, object> { ["poco"] = new PocoItem { Id = "1", Count = 2 } });

        first.Count = 123;
        await storage.WriteAsync(new Dictionary<string, object> { ["poco"] = first });

        Assert.Equal(123, ((PocoItem)(await storage.ReadAsync(["poco"]))["poco"]).Count);
    }

    [Fact]
    public async Task WriteAsync_StoreItemWithWildcardETag_Overwrites()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new PocoStoreItem { Id = "1", Count = 1 } });
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = (PocoStoreItem)(await storage.ReadAsync(["item"]))["item"] });

        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new PocoStoreItem { Id = "1", Count = 100, ETag = "*" } });

        Assert.Equal(100, ((PocoStoreItem)(await storage.ReadAsync(["item"]))["item"]).Count);
    }

    [Fact]
    public async Task WriteAsync_StoreItemWithEmptyETag_ThrowsAndKeepsTheStoredValue()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new PocoStoreItem { Id = "1", Count = 1 } });
        var loaded = (PocoStoreItem)(await storage.ReadAsync(["item"]))["item"];

        loaded.Count = 5;
        loaded.ETag = string.Empty;

        // Both the SDK's MemoryStorage and ours say ArgumentException: an ETag is never empty.
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new Dictionary<string, object> { ["item"] = loaded }));
        Assert.Equal(1, ((PocoStoreItem)(await storage.ReadAsync(["item"]))["item"]).Count);
    }

    [Fact]
    public async Task WriteAsync_NewStoreItemWithNullETag_IsWritten()
    {
        var storage = CreateStorage();

        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new PocoStoreItem { Id = "1", ETag = null } });

        Assert.Equal("1", ((PocoStoreItem)(await storage.ReadAsync(["item"]))["item"]).Id);
    }

    [Fact]
    public async Task WriteAsync_NullValue_ReadsAsAbsent()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["gone"] = new PocoItem { Id = "1" } });

        await storage.WriteAsync(new Dictionary<string, object> { ["gone"] = null! });

        Assert.Empty(await storage.ReadAsync(["gone"]));
    }

    [Fact]
    public async Task DeleteAsync_StoredKey_ReadsAsAbsent()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["delete1"] = new PocoStoreItem { Id = "1", Count = 1 } });
        Assert.NotNull(((PocoStoreItem)(await storage.ReadAsync(["delete1"]))["delete1"]).ETag);

        await storage.DeleteAsync(["delete1"]);

        Assert.Empty(await storage.ReadAsync(["delete1"]));
    }

    [Fact]
    public async Task DeleteAsync_UnknownKey_DoesNothing()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["kept"] = new PocoItem { Id = "1" } });

        await storage.DeleteAsync(["unknown_key"]);

        Assert.Single(await storage.ReadAsync(["kept"]));
    }

    [Fact]
    public async Task WriteAsync_ParallelBatchesToOneKeyWithWildcard_AllSucceed()
    {
        var storage = CreateStorage();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => storage.WriteAsync(new Dictionary<string, object>
        {
            ["batchPoco"] = new PocoItem { Id = "1", Count = i },
            ["batchStoreItem"] = new PocoStoreItem { Id = "2", Count = i, ETag = "*" },
        }))));

        var result = await storage.ReadAsync(["batchPoco", "batchStoreItem"]);
        Assert.Equal("1", ((PocoItem)result["batchPoco"]).Id);
        Assert.InRange(((PocoStoreItem)result["batchStoreItem"]).Count, 0, 9);
    }

    [Fact]
    public async Task ConversationState_MultiTurnConversation_CountsEveryTurn()
    {
        var storage = CreateStorage();
        var conversationState = new ConversationState(storage);
        var counter = conversationState.CreateProperty<TurnCounter>(nameof(TurnCounter));
        var adapter = new TestAdapter(TestAdapter.CreateConversation(nameof(ConversationState_MultiTurnConversation_CountsEveryTurn)))
            .Use(new AutoSaveStateMiddleware(conversationState));

        await new TestFlow(adapter, async (turnContext, cancellationToken) =>
            {
                var state = await counter.GetAsync(turnContext, () => new TurnCounter(), cancellationToken);
                state.Turns++;
                await turnContext.SendActivityAsync($"turn {state.Turns}", cancellationToken: cancellationToken);
            })
            .Send("hello").AssertReply("turn 1")
            .Send("again").AssertReply("turn 2")
            .Send("and again").AssertReply("turn 3")
            .StartTestAsync();
    }
}

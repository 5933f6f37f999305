using System.Text;
using Azure.Data.Tables;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.IntegrationTests.Storage;

/// <summary>
/// The contract suite on <see cref="TableStorage"/> over Azurite, plus what only Table Storage needs: values over
/// the 64 KiB property limit, keys over the key limit or with forbidden characters, and several hosts on one table.
/// Every test gets its own table.
/// </summary>
[Collection(StorageOnAzurite.Name)]
public sealed class TableStorageContractTests : StorageContractTests
{
    private readonly StorageAzuriteFixture _azurite;
    private readonly string _tableName;

    public TableStorageContractTests(StorageAzuriteFixture azurite)
        : this(azurite, StorageAzuriteFixture.NewTableName())
    {
    }

    private TableStorageContractTests(StorageAzuriteFixture azurite, string tableName)
        : base(() => new TableStorage(azurite.NewServiceClient(), tableName))
    {
        _azurite = azurite;
        _tableName = tableName;
    }

    /// <summary>Ours: <see cref="StorageConcurrencyException"/>, an InvalidOperationException saying "Etag conflict".</summary>
    protected override async Task AssertConflictAsync(Func<Task> write)
    {
        var ex = await Assert.ThrowsAsync<StorageConcurrencyException>(write);
        Assert.IsAssignableFrom<InvalidOperationException>(ex);
        Assert.StartsWith("Etag conflict", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ValueOver64KiB_RoundTrips()
    {
        var storage = CreateStorage();
        var text = string.Concat(Enumerable.Range(0, 40_000).Select(i => i % 7 == 0 ? "ä€😀" : "0123456789"));
        Assert.True(Encoding.UTF8.GetByteCount(text) > 300_000);

        await storage.WriteAsync(new Dictionary<string, object> { ["large"] = new PocoItem { Text = text } });

        Assert.Equal(text, ((PocoItem)(await storage.ReadAsync(["large"]))["large"]).Text);
    }

    [Fact]
    public async Task WriteAsync_LargestValueWithLongestNonAsciiKey_FitsOnAzurite()
    {
        // The worst case for the entity limit: every JSON byte allowed, and the longest key, in characters that
        // the client escapes as \uXXXX.
        var storage = CreateStorage();
        var key = new string('ä', TableKeyEncoder.MaxKeyLength);
        var overhead = StorageSerializer.ToUtf8Json(new PocoItem { Text = string.Empty }).Length;
        var text = new string('x', ValueChunker.MaxValueBytes - overhead);

        await storage.WriteAsync(new Dictionary<string, object> { [key] = new PocoItem { Text = text } });

        Assert.Equal(text.Length, ((PocoItem)(await storage.ReadAsync([key]))[key]).Text!.Length);
    }

    [Fact]
    public async Task WriteAsync_ValueOverTheLimit_IsRefusedClearlyAndNothingInTheBatchIsStored()
    {
        var storage = CreateStorage();
        const string secretKey = "conversation-of-a-citizen";

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new Dictionary<string, object>
        {
            ["small"] = new PocoItem { Id = "1" },
            [secretKey] = new PocoItem { Text = new string('x', 1_100_000) },
        }));

        Assert.Contains("720,000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1,100,", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secretKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await storage.ReadAsync(["small", secretKey]));
    }

    [Fact]
    public async Task WriteAsync_LargeValueReplacedBySmallOne_LeavesNoOldPieces()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["shrinks"] = new PocoItem { Text = new string('x', 300_000) } });

        await storage.WriteAsync(new Dictionary<string, object> { ["shrinks"] = new PocoItem { Text = "small" } });

        Assert.Equal("small", ((PocoItem)(await storage.ReadAsync(["shrinks"]))["shrinks"]).Text);
        var entity = (await RawTable().GetEntityAsync<TableEntity>(TableKeyEncoder.Encode("shrinks"), StateEntity.RowKey)).Value;
        Assert.Equal(["D00"], entity.Keys.Where(k => k.StartsWith('D')));
    }

    [Fact]
    public async Task WriteAsync_KeyOf2000Characters_RoundTrips()
    {
        var storage = CreateStorage();
        var key = "msteams/conversations/" + new string('k', 1_978);
        Assert.Equal(2_000, key.Length);

        await storage.WriteAsync(new Dictionary<string, object> { [key] = new PocoStoreItem { Id = "long" } });

        Assert.Equal("long", ((PocoStoreItem)(await storage.ReadAsync([key]))[key]).Id);
        await storage.DeleteAsync([key]);
        Assert.Empty(await storage.ReadAsync([key]));
    }

    [Fact]
    public async Task WriteAsync_KeysDifferingOnlyInForbiddenCharacters_DoNotCollide()
    {
        var storage = CreateStorage();
        var longPrefix = new string('p', 400);
        string[] keys =
        [
            "a/b", "a\\b", "a%2Fb", "a%5Cb", "a#b", "a?b", "a%b", "a\u0001b", "a\u0085b", "a\tb", "a b",
            longPrefix + "/", longPrefix + "\\", longPrefix + "%2F",
        ];

        await storage.WriteAsync(keys.Select((key, i) => (key, i)).ToDictionary(x => x.key, x => (object)new PocoItem { Count = x.i }));

        var result = await storage.ReadAsync(keys);
        Assert.Equal(keys.Length, result.Count);
        Assert.All(keys.Select((key, i) => (key, i)), x => Assert.Equal(x.i, ((PocoItem)result[x.key]).Count));
    }

    [Fact]
    public async Task ReadAsync_EntityOfAnotherKeyWithTheSameShortenedKey_IsAbsent()
    {
        // Simulates a SHA-256 collision of two long keys: the entity found holds another original key.
        var key = new string('a', 1_000);
        var table = RawTable();
        var storage = new TableStorage(table);
        await storage.WriteAsync(new Dictionary<string, object> { ["seed"] = new PocoItem() });
        await table.UpsertEntityAsync(StateEntity.Create(
            TableKeyEncoder.Encode(key), new string('b', 1_000), ValueChunker.Split(Encoding.UTF8.GetBytes("""{"Id":"not yours"}"""))));

        Assert.Empty(await storage.ReadAsync([key]));
    }

    [Fact]
    public async Task ReadAsync_StoredTypeNotOnTheAllowList_IsNeverInstantiated()
    {
        var table = RawTable();
        var storage = new TableStorage(table);
        await storage.WriteAsync(new Dictionary<string, object> { ["tampered"] = new PocoItem() });
        var json = """{"$type":"System.IO.FileInfo, System.Private.CoreLib","fileName":"/etc/passwd"}""";
        await table.UpsertEntityAsync(StateEntity.Create(TableKeyEncoder.Encode("tampered"), "tampered", ValueChunker.Split(Encoding.UTF8.GetBytes(json))));

        var ex = await Assert.ThrowsAnyAsync<JsonException>(() => storage.ReadAsync(["tampered"]));

        Assert.Contains("is not allowed in bot state", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TypeNotOnTheAllowList_IsRefusedAndNothingIsStored()
    {
        var storage = CreateStorage();

        await Assert.ThrowsAnyAsync<JsonException>(() => storage.WriteAsync(new Dictionary<string, object>
        {
            ["fine"] = new PocoItem(),
            ["refused"] = new Dictionary<string, object> { ["pair"] = Tuple.Create(1, 2) },
        }));

        Assert.Empty(await storage.ReadAsync(["fine", "refused"]));
    }

    [Fact]
    public async Task WriteAsync_StoreItemWithNullETagOverAStoredOne_Overwrites()
    {
        // Ours and the SDK's Cosmos/Blobs stores: null means "no condition". (MemoryStorage 4.23.1 throws here.)
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new PocoStoreItem { Count = 1 } });

        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new PocoStoreItem { Count = 2, ETag = null } });

        Assert.Equal(2, ((PocoStoreItem)(await storage.ReadAsync(["item"]))["item"]).Count);
    }

    [Fact]
    public async Task WriteAsync_ETagOfAKeyDeletedSinceTheRead_IsAConflict()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["vanishes"] = new PocoStoreItem { Count = 1 } });
        var loaded = (PocoStoreItem)(await storage.ReadAsync(["vanishes"]))["vanishes"];
        await storage.DeleteAsync(["vanishes"]);

        await AssertConflictAsync(() => storage.WriteAsync(new Dictionary<string, object> { ["vanishes"] = loaded }));

        Assert.Empty(await storage.ReadAsync(["vanishes"]));
    }

    [Fact]
    public async Task WriteAsync_ConflictMessage_NamesNeitherKeyNorValue()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["private-key"] = new PocoStoreItem { Id = "private-value" } });
        var stale = (PocoStoreItem)(await storage.ReadAsync(["private-key"]))["private-key"];
        await storage.WriteAsync(new Dictionary<string, object> { ["private-key"] = new PocoStoreItem { Id = "private-value", ETag = "*" } });

        var ex = await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(new Dictionary<string, object> { ["private-key"] = stale }));

        Assert.DoesNotContain("private", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TwoHostsWithTheSameStaleETagAtOnce_ExactlyOneWins()
    {
        var hostA = new TableStorage(_azurite.NewServiceClient(), _tableName);
        var hostB = new TableStorage(_azurite.NewServiceClient(), _tableName);
        await hostA.WriteAsync(new Dictionary<string, object> { ["shared"] = new PocoStoreItem { Count = 0 } });

        for (var round = 1; round <= 5; round++)
        {
            var readByA = (PocoStoreItem)(await hostA.ReadAsync(["shared"]))["shared"];
            var readByB = (PocoStoreItem)(await hostB.ReadAsync(["shared"]))["shared"];
            Assert.Equal(readByA.ETag, readByB.ETag);
            readByA.Count = round * 10 + 1;
            readByB.Count = round * 10 + 2;

            var outcomes = await Task.WhenAll(
                Outcome(() => hostA.WriteAsync(new Dictionary<string, object> { ["shared"] = readByA })),
                Outcome(() => hostB.WriteAsync(new Dictionary<string, object> { ["shared"] = readByB })));

            Assert.Single(outcomes, o => o is null);
            Assert.Single(outcomes, o => o is StorageConcurrencyException);
            var winner = outcomes[0] is null ? readByA.Count : readByB.Count;
            Assert.Equal(winner, ((PocoStoreItem)(await hostA.ReadAsync(["shared"]))["shared"]).Count);
        }
    }

    [Fact]
    public async Task ReadAsync_FreshInstanceOnAnotherClient_ReadsWhatAnotherHostWrote()
    {
        await new TableStorage(_azurite.NewServiceClient(), _tableName)
            .WriteAsync(new Dictionary<string, object> { ["persisted"] = new PocoStoreItem { Id = "from host A" } });

        var readByHostB = await new TableStorage(_azurite.NewServiceClient(), _tableName).ReadAsync(["persisted"]);

        Assert.Equal("from host A", ((PocoStoreItem)readByHostB["persisted"]).Id);
    }

    [Fact]
    public async Task ReadAsync_Dictionary_CarriesTheETagAndAStaleOneConflicts()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["state"] = new Dictionary<string, object> { ["n"] = 1 } });
        var first = (IDictionary<string, object>)(await storage.ReadAsync(["state"]))["state"];
        var second = (IDictionary<string, object>)(await storage.ReadAsync(["state"]))["state"];
        Assert.False(string.IsNullOrEmpty(first["eTag"] as string));

        second["n"] = 2;
        await storage.WriteAsync(new Dictionary<string, object> { ["state"] = second });
        first["n"] = 3;

        await AssertConflictAsync(() => storage.WriteAsync(new Dictionary<string, object> { ["state"] = first }));
        Assert.Equal(2L, ((IDictionary<string, object>)(await storage.ReadAsync(["state"]))["state"])["n"]);
    }

    /// <summary>
    /// What happens when two turns of one conversation overlap (two messages in quick succession, or two bot
    /// instances): both load the conversation state, the first save wins, and the second save throws
    /// <see cref="StorageConcurrencyException"/> — its changes are not stored, and the turn ends in the adapter's
    /// OnTurnError instead of silently overwriting the first turn's state.
    /// </summary>
    [Fact]
    public async Task ConversationState_TwoTurnsLoadTheSameConversationAndBothSave_TheSecondSaveConflicts()
    {
        var conversationState = new ConversationState(CreateStorage());
        var counter = conversationState.CreateProperty<TurnCounter>(nameof(TurnCounter));
        var adapter = new TestAdapter(TestAdapter.CreateConversation(nameof(ConversationState_TwoTurnsLoadTheSameConversationAndBothSave_TheSecondSaveConflicts)));

        // A first turn stores the conversation, so it has an ETag. (The very first save of a new conversation has
        // nothing to compare with and is unconditional.)
        var seed = new TurnContext(adapter, Message(adapter, "seed"));
        (await counter.GetAsync(seed, () => new TurnCounter())).Turns = 1;
        await conversationState.SaveChangesAsync(seed);

        var turnA = new TurnContext(adapter, Message(adapter, "a"));
        var turnB = new TurnContext(adapter, Message(adapter, "b"));
        var stateA = await counter.GetAsync(turnA, () => new TurnCounter());
        var stateB = await counter.GetAsync(turnB, () => new TurnCounter());
        stateA.Turns = 10;
        stateB.Turns = 20;

        await conversationState.SaveChangesAsync(turnA);
        await AssertConflictAsync(() => conversationState.SaveChangesAsync(turnB));

        var check = new TurnContext(adapter, Message(adapter, "check"));
        Assert.Equal(10, (await counter.GetAsync(check, () => new TurnCounter())).Turns);
    }

    [Fact]
    public async Task ConversationState_SavedTwiceInOneTurn_DoesNotConflictWithItself()
    {
        var conversationState = new ConversationState(CreateStorage());
        var counter = conversationState.CreateProperty<TurnCounter>(nameof(TurnCounter));
        var adapter = new TestAdapter(TestAdapter.CreateConversation(nameof(ConversationState_SavedTwiceInOneTurn_DoesNotConflictWithItself)));
        var seed = new TurnContext(adapter, Message(adapter, "seed"));
        (await counter.GetAsync(seed, () => new TurnCounter())).Turns = 1;
        await conversationState.SaveChangesAsync(seed);

        var turn = new TurnContext(adapter, Message(adapter, "turn"));
        (await counter.GetAsync(turn, () => new TurnCounter())).Turns = 2;
        await conversationState.SaveChangesAsync(turn);
        (await counter.GetAsync(turn, () => new TurnCounter())).Turns = 3;
        await conversationState.SaveChangesAsync(turn);

        var check = new TurnContext(adapter, Message(adapter, "check"));
        Assert.Equal(3, (await counter.GetAsync(check, () => new TurnCounter())).Turns);
    }

    /// <summary>An incoming message in the adapter's conversation, as a channel would send it.</summary>
    private static Activity Message(TestAdapter adapter, string text)
    {
        var activity = (Activity)Activity.CreateMessageActivity();
        activity.Text = text;
        activity.ApplyConversationReference(adapter.Conversation, isIncoming: true);
        return activity;
    }

    private static async Task<Exception?> Outcome(Func<Task> write)
    {
        try
        {
            await Task.Run(write);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private TableClient RawTable() => _azurite.NewServiceClient().GetTableClient(_tableName);
}

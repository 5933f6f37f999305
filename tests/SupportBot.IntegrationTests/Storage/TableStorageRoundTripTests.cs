using Azure;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;
using SupportBot.Testing;

namespace SupportBot.IntegrationTests.Storage;

/// <summary>
/// How many requests <see cref="TableStorage"/> makes and when: one point request per key, in parallel, and the
/// table created lazily — once, and again after a failed attempt.
/// </summary>
[Collection(StorageOnAzurite.Name)]
public sealed class TableStorageRoundTripTests(StorageAzuriteFixture azurite)
{
    private readonly RequestRecorder _recorder = new();
    private readonly string _tableName = StorageAzuriteFixture.NewTableName();

    [Fact]
    public void Constructor_MakesNoRequest()
    {
        _ = new TableStorage(azurite.NewServiceClient(_recorder), _tableName);

        Assert.Empty(_recorder.Requests);
    }

    [Fact]
    public async Task ReadAsync_ThreeKeys_ThreePointReadsInParallelAndNoTableCreation()
    {
        var storage = new TableStorage(azurite.NewServiceClient(_recorder), _tableName);
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new PocoItem(), ["b"] = new PocoItem(), ["c"] = new PocoItem() });
        _recorder.Reset();
        _recorder.Delay = TimeSpan.FromMilliseconds(300);

        var result = await storage.ReadAsync(["a", "b", "c", "b"]);

        Assert.Equal(3, result.Count);
        Assert.Equal(3, _recorder.Requests.Count);
        Assert.All(_recorder.Requests, r => Assert.Matches($"^GET /devstoreaccount1/{_tableName}\\(PartitionKey='.',RowKey=''\\)$", r));
        Assert.Equal(3, _recorder.MaxInFlight);
    }

    [Fact]
    public async Task ReadAsync_TableThatDoesNotExistYet_ReadsNothingWithoutCreatingIt()
    {
        var storage = new TableStorage(azurite.NewServiceClient(_recorder), _tableName);

        Assert.Empty(await storage.ReadAsync(["a"]));
        await storage.DeleteAsync(["a"]);

        Assert.DoesNotContain(_recorder.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.False(await TableExistsAsync());
    }

    [Fact]
    public async Task WriteAsync_FreshStorageOnAMissingTable_CreatesItOnceThenOneRequestPerKeyInParallel()
    {
        var storage = new TableStorage(azurite.NewServiceClient(_recorder), _tableName);
        Assert.False(await TableExistsAsync());

        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new PocoItem(), ["b"] = new PocoStoreItem() });
        var firstWrite = _recorder.Requests;
        _recorder.Reset();
        _recorder.Delay = TimeSpan.FromMilliseconds(300);
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new PocoItem(), ["b"] = new PocoStoreItem(), ["c"] = new PocoItem() });
        var secondWrite = _recorder.Requests;

        Assert.True(await TableExistsAsync());
        Assert.Equal(["POST /devstoreaccount1/Tables"], firstWrite.Where(r => r.StartsWith("POST", StringComparison.Ordinal)));
        Assert.Equal(2, firstWrite.Count(r => r.StartsWith("PUT", StringComparison.Ordinal)));
        Assert.Equal(3, secondWrite.Count);
        Assert.All(secondWrite, r => Assert.StartsWith("PUT ", r, StringComparison.Ordinal));
        Assert.Equal(3, _recorder.MaxInFlight);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentFirstWrites_CreateTheTableOnce()
    {
        var storage = new TableStorage(azurite.NewServiceClient(_recorder), _tableName);
        _recorder.Delay = TimeSpan.FromMilliseconds(100);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() =>
            storage.WriteAsync(new Dictionary<string, object> { [$"k{i}"] = new PocoItem { Count = i } }))));

        Assert.Single(_recorder.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal(5, (await storage.ReadAsync(["k0", "k1", "k2", "k3", "k4"])).Count);
    }

    [Fact]
    public async Task WriteAsync_StorageWasDownAtTheFirstWrite_CreatesTheTableWhenItIsBack()
    {
        // Its own Azurite: stopping the shared one would break the tests running beside this one.
        await using var ownAzurite = await Azurite.StartAsync();
        var storage = new TableStorage(StorageAzuriteFixture.NewServiceClient(ownAzurite.ConnectionString, _recorder, maxRetries: 0), _tableName);
        await ownAzurite.StopAsync();

        await Assert.ThrowsAsync<RequestFailedException>(() =>
            storage.WriteAsync(new Dictionary<string, object> { ["k"] = new PocoItem { Id = "lost" } }));

        await ownAzurite.StartAgainAsync();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new PocoItem { Id = "kept" } });

        Assert.Equal(2, _recorder.Requests.Count(r => r.StartsWith("POST", StringComparison.Ordinal)));
        Assert.Equal("kept", ((PocoItem)(await storage.ReadAsync(["k"]))["k"]).Id);
    }

    [Fact]
    public async Task Operations_CancelledToken_AreCancelled()
    {
        var storage = new TableStorage(azurite.NewServiceClient(_recorder), _tableName);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.WriteAsync(new Dictionary<string, object> { ["k"] = new PocoItem() }, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.ReadAsync(["k"], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.DeleteAsync(["k"], cancelled.Token));
    }

    private async Task<bool> TableExistsAsync()
    {
        await foreach (var table in azurite.NewServiceClient().QueryAsync(t => t.Name == _tableName))
        {
            _ = table;
            return true;
        }

        return false;
    }
}

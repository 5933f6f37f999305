using Microsoft.Bot.Builder;

namespace SupportBot.IntegrationTests.Storage;

/// <summary>
/// The contract suite on the SDK's own <see cref="MemoryStorage"/> (4.23.1): if it fails here, the suite is wrong,
/// not the store.
/// </summary>
public sealed class MemoryStorageContractTests : StorageContractTests
{
    public MemoryStorageContractTests()
        : base(() => new MemoryStorage())
    {
    }

    /// <summary>MemoryStorage 4.23.1 reports a conflict as <c>ArgumentException("Etag conflict. …")</c>.</summary>
    protected override async Task AssertConflictAsync(Func<Task> write)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(write);
        Assert.StartsWith("Etag conflict", ex.Message, StringComparison.Ordinal);
    }
}

using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.Tests.Storage;

public class AsyncOnceTests
{
    [Fact]
    public async Task EnsureAsync_CalledManyTimes_InitializesOnce()
    {
        var calls = 0;
        var once = new AsyncOnce(async _ =>
        {
            Interlocked.Increment(ref calls);
            await Task.Yield();
        });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => once.EnsureAsync(CancellationToken.None))));
        await once.EnsureAsync(CancellationToken.None);

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task EnsureAsync_AfterAFailure_TriesAgain()
    {
        var calls = 0;
        var once = new AsyncOnce(async _ =>
        {
            await Task.Yield();
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("storage down");
            }
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => once.EnsureAsync(CancellationToken.None));
        await once.EnsureAsync(CancellationToken.None);
        await once.EnsureAsync(CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task EnsureAsync_SynchronousThrow_TriesAgainNextTime()
    {
        var calls = 0;
        var once = new AsyncOnce(_ => ++calls == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask);

        Assert.Throws<InvalidOperationException>(() => { _ = once.EnsureAsync(CancellationToken.None); });
        await once.EnsureAsync(CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task EnsureAsync_OneCallerCancels_TheSharedAttemptGoesOnForTheOthers()
    {
        var release = new TaskCompletionSource();
        var calls = 0;
        var once = new AsyncOnce(async ct =>
        {
            Interlocked.Increment(ref calls);
            await release.Task.WaitAsync(ct);
        });
        using var cancelled = new CancellationTokenSource();

        var impatient = once.EnsureAsync(cancelled.Token);
        var patient = once.EnsureAsync(CancellationToken.None);
        await cancelled.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        await patient;
        Assert.Equal(1, calls);
    }
}

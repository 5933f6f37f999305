namespace SupportBot.Storage.Tables;

/// <summary>
/// Runs an asynchronous initialization once, on first need. Callers at the same time share the one attempt; after
/// a failure (storage down at start-up) the next caller tries again instead of inheriting the failure for ever.
/// </summary>
internal sealed class AsyncOnce
{
    private readonly Func<CancellationToken, Task> _initialize;
    private readonly Lock _gate = new();
    private Task? _attempt;

    public AsyncOnce(Func<CancellationToken, Task> initialize)
    {
        _initialize = initialize ?? throw new ArgumentNullException(nameof(initialize));
    }

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        Task attempt;
        lock (_gate)
        {
            if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
            {
                // The attempt is shared, so no single caller's token may cancel it for the others; each caller's
                // own token still ends its wait below. The client's retry options bound the attempt itself.
                _attempt = _initialize(CancellationToken.None);
            }

            attempt = _attempt;
        }

        return attempt.IsCompletedSuccessfully ? Task.CompletedTask : attempt.WaitAsync(cancellationToken);
    }
}

using Microsoft.Extensions.Logging;

namespace SupportBot.LoadTool;

/// <summary>Counts what the host logs at Error or above (a failed turn, a storage conflict), keeping the first few lines.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly List<string> _first = [];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyList<string> First
    {
        get
        {
            lock (_first)
            {
                return [.. _first];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        Interlocked.Increment(ref _count);
        lock (_first)
        {
            if (_first.Count < 5)
            {
                _first.Add(line);
            }
        }
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                ArgumentNullException.ThrowIfNull(formatter);
                log.Add($"{category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }
        }
    }
}

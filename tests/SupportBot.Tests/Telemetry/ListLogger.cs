using Microsoft.Extensions.Logging;

namespace SupportBot.Tests.Telemetry;

/// <summary>Keeps every log record (level, event id, rendered message) for assertions.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId EventId, string Message)> _records = [];

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_records)
        {
            _records.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}

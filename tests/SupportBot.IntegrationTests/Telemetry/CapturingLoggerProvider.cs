using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SupportBot.IntegrationTests.Telemetry;

/// <summary>Everything one log call carried: category, event, rendered message, each named value, the scopes and the exception.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<string> Values, string? Exception)
{
    public IEnumerable<string> Texts() => Values.Append(Category).Append(Message).Append(EventId.Name ?? string.Empty).Append(Exception ?? string.Empty);
}

/// <summary>A logger provider that keeps every record at every level, with its scopes, for the no-personal-data test.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _records = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Records => _records;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Flatten(object? value) => value switch
    {
        null => [],
        string s => [s],
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.SelectMany(p => Flatten(p.Value).Prepend(p.Key)).Append(value.ToString() ?? string.Empty),
        System.Collections.IEnumerable items => items.Cast<object?>().SelectMany(Flatten).Append(value.ToString() ?? string.Empty),
        _ => [value.ToString() ?? string.Empty],
    };

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = Flatten(state).ToList();
            owner._scopes.ForEachScope((scope, list) => list.AddRange(Flatten(scope)), values);
            owner._records.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

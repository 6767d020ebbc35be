using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rapport.Server.Tests.Operations;

/// <summary>A logger provider that keeps every record: category, level, formatted message and the structured fields.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
            log.Records.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception), fields));
        }
    }
}

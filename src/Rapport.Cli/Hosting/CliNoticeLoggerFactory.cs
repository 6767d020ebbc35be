using Microsoft.Extensions.Logging;
using Rapport.Cli.Output;

namespace Rapport.Cli.Hosting;

/// <summary>Shows library warnings (such as the embedder fallback notice) as <c>rapport: ...</c> lines on stderr.</summary>
/// <remarks>Only warnings and errors pass: the CLI has no log output otherwise.</remarks>
internal sealed class CliNoticeLoggerFactory(CliConsole console) : ILoggerFactory, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
        // Only the console: nothing else is wired into the CLI's notices.
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            console.Notice(formatter(state, exception).Replace("Rapport: ", "", StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        // Nothing to release: the console belongs to the invocation.
    }
}

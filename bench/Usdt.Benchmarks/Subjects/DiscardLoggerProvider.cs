using System;
using Microsoft.Extensions.Logging;

namespace Usdt.Benchmarks.Subjects;

/// <summary>
/// A logging provider that accepts everything its filter lets through and writes nowhere,
/// so the logger has a real provider behind it (as in an application) and the disabled
/// level is decided by the factory's filter, not by an empty provider list.
/// </summary>
internal sealed class DiscardLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => DiscardLogger.Instance;

    public void Dispose() { }

    private sealed class DiscardLogger : ILogger
    {
        public static readonly DiscardLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
    }
}

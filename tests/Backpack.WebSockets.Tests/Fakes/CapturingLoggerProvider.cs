using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>Captures every log entry at every level, formatted, with its exception text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly Lock _lock = new();
    private readonly List<(string Text, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyList<string> Entries => [.. _entries];

    /// <summary>Completes when an entry containing <paramref name="text"/> was logged (now or later); bounded by <see cref="TestTimeouts.Hang"/>.</summary>
    public Task WaitForEntryAsync(string text)
    {
        lock (_lock)
        {
            if (_entries.Any(e => e.Contains(text, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, signal));
            return signal.Task.WaitAsync(TestTimeouts.Hang);
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        lock (_lock)
        {
            // Under the lock: a waiter that checked the entries before this one is in the list when it is added.
            _entries.Enqueue(entry);
            foreach (var waiter in _waiters.Where(w => entry.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            owner.Add($"{logLevel} {category} [{eventId.Name}] {formatter(state, exception)} {{{properties}}} {exception}");
        }
    }
}

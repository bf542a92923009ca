using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.IntegrationTests.Account;

/// <summary>
/// Waits for conditions without polling: they are evaluated now and whenever <see cref="Notify"/> is called, which the
/// client's log lines (as an <see cref="ILoggerFactory"/>) and the test's change log do.
/// </summary>
internal sealed class Probe : ILoggerFactory
{
    private readonly Lock _lock = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Signal)> _waiters = [];
    private readonly Dictionary<string, int> _events = new(StringComparer.Ordinal);

    /// <summary>How many log lines with this event name were written.</summary>
    public int Count(string eventName)
    {
        lock (_lock)
        {
            return _events.GetValueOrDefault(eventName);
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds (cheap, non-blocking, any thread).</summary>
    public Task WaitUntilAsync(Func<bool> condition)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, signal));
        }

        Notify();
        return signal.Task.WaitAsync(TestTimeouts.Hang);
    }

    public void Notify()
    {
        List<(Func<bool> Condition, TaskCompletionSource Signal)> waiters;
        lock (_lock)
        {
            waiters = [.. _waiters];
        }

        foreach (var waiter in waiters)
        {
            if (waiter.Condition())
            {
                lock (_lock)
                {
                    _waiters.Remove(waiter);
                }

                waiter.Signal.TrySetResult();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new NotifyingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class NotifyingLogger(Probe probe) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name is { } name)
            {
                lock (probe._lock)
                {
                    probe._events[name] = probe._events.GetValueOrDefault(name) + 1;
                }
            }

            probe.Notify();
        }
    }
}

using Microsoft.Extensions.Logging;

namespace Backpack.Soak;

/// <summary>
/// A logger factory that only counts the order book's resync warnings (event 101, <c>OrderBookResyncing</c>) by their
/// reason, so that the soak can tell the resyncs its faults caused from those a busy machine caused (dropped updates).
/// </summary>
internal sealed class ResyncLog : ILoggerFactory, ILogger
{
    /// <summary>The order book's stable event id for "resyncing".</summary>
    private const int ResyncingEventId = 101;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _byReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byReasonAndPhase = new(StringComparer.Ordinal);
    private string _phase = "start-up";

    /// <summary>What the run is doing (the fault being healed, or "steady"); each resync is also counted under it.</summary>
    public string Phase
    {
        get => Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, value);
    }

    /// <summary>The resyncs counted so far, by "reason during phase", e.g. "Gap during Drop".</summary>
    public IReadOnlyDictionary<string, int> ByReasonAndPhase
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_byReasonAndPhase, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The resyncs counted so far, by reason (<c>Gap</c>, <c>ConnectionLost</c>, <c>UpdatesDropped</c>, ...).</summary>
    public IReadOnlyDictionary<string, int> ByReason
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_byReason, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The count for <paramref name="reason"/>, 0 if none.</summary>
    public int Count(string reason)
    {
        lock (_lock)
        {
            return _byReason.GetValueOrDefault(reason);
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
        // Counting only: other providers are not wanted here.
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != ResyncingEventId || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return;
        }

        var reason = values.FirstOrDefault(pair => pair.Key == "Reason").Value?.ToString() ?? "?";
        lock (_lock)
        {
            _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
            var key = $"{reason} during {Phase}";
            _byReasonAndPhase[key] = _byReasonAndPhase.GetValueOrDefault(key) + 1;
        }
    }

    public void Dispose()
    {
        // Nothing to release.
    }
}

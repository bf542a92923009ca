using Backpack.WebSockets.Models;

namespace Backpack.StreamViewer;

/// <summary>
/// Everything the viewer shows, written by the stream readers and the client's events and read by the screen, which
/// turns it into one immutable <see cref="DashboardState"/> per frame.
/// </summary>
internal sealed class ViewerState
{
    private const int MaxOrders = 5;

    private readonly Lock _lock = new();
    private readonly LinkedList<OrderUpdate> _orders = new();
    private readonly LatencyWindow _latency = new();
    private readonly RateMeter _messageRate = new();
    private readonly Func<IReadOnlyList<ConnectionView>> _connections;
    private readonly Func<long> _messages;
    private long _orderCount;
    private long _reconnects;
    private string? _status;
    private int _selected;

    /// <param name="source">Where the data comes from, for the header.</param>
    /// <param name="symbols">One state per market, in switching order.</param>
    /// <param name="showsOrders">Whether account order updates are followed.</param>
    /// <param name="showsLatency">Whether event times are current (not in a replay).</param>
    /// <param name="connections">The connection rows, read once per frame.</param>
    /// <param name="messages">The number of frames received so far.</param>
    public ViewerState(string source, IReadOnlyList<SymbolState> symbols, bool showsOrders, bool showsLatency, Func<IReadOnlyList<ConnectionView>> connections, Func<long> messages)
    {
        ArgumentOutOfRangeException.ThrowIfZero(symbols.Count);
        Source = source;
        Symbols = symbols;
        ShowsOrders = showsOrders;
        ShowsLatency = showsLatency;
        _connections = connections;
        _messages = messages;
    }

    public string Source { get; }

    public IReadOnlyList<SymbolState> Symbols { get; }

    public bool ShowsOrders { get; }

    public bool ShowsLatency { get; }

    /// <summary>Describes an ongoing recording, for the status panel; <see langword="null"/> when not recording.</summary>
    public Func<string>? Recording { get; init; }

    public long OrderCount { get { lock (_lock) { return _orderCount; } } }

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>The last notable event (an error, a resync, a reconnect).</summary>
    public string? Status
    {
        get { lock (_lock) { return _status; } }
        set { lock (_lock) { _status = value; } }
    }

    /// <summary>The index of the market on screen.</summary>
    public int Selected => Volatile.Read(ref _selected);

    public void SelectNext() => Select(Selected + 1);

    public void SelectPrevious() => Select(Selected - 1);

    public void Select(int index) => Volatile.Write(ref _selected, ((index % Symbols.Count) + Symbols.Count) % Symbols.Count);

    public void AddReconnect() => Interlocked.Increment(ref _reconnects);

    public void AddOrder(OrderUpdate order)
    {
        lock (_lock)
        {
            _orders.AddFirst(order);
            if (_orders.Count > MaxOrders)
            {
                _orders.RemoveLast();
            }

            _orderCount++;
        }
    }

    /// <summary>The frame to draw at <paramref name="now"/>. Called by one screen loop at a time.</summary>
    public DashboardState Snapshot(DateTimeOffset now)
    {
        var newlyShown = new List<DateTimeOffset>();
        var selected = Symbols[Selected];
        var view = selected.View(now, newlyShown);
        foreach (var other in Symbols)
        {
            if (other != selected)
            {
                // Why views of the hidden markets too: their trades count for the latency once, when they arrive.
                _ = other.View(now, newlyShown);
            }
        }

        if (ShowsLatency)
        {
            _latency.Add(newlyShown, now);
        }

        var messages = _messages();
        var status = new StatusView(
            _connections(),
            _messageRate.Sample(messages, now),
            messages,
            Symbols.Sum(symbol => symbol.Dropped),
            Reconnects,
            ShowsLatency ? _latency.View() : null,
            Status,
            Recording?.Invoke());
        lock (_lock)
        {
            return new DashboardState(Source, [.. Symbols.Select(s => s.Symbol)], view, status, ShowsOrders ? [.. _orders] : null, _orderCount);
        }
    }
}

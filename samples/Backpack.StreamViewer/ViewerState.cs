using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer;

/// <summary>Everything the screen shows, written by the stream readers and read by the renderer.</summary>
internal sealed class ViewerState(BackpackOrderBook book, bool showsOrders)
{
    private const int MaxTrades = 10;
    private const int MaxOrders = 5;

    private readonly Lock _lock = new();
    private readonly LinkedList<Trade> _trades = new();
    private readonly LinkedList<OrderUpdate> _orders = new();
    private long _tradeCount;
    private long _orderCount;
    private string? _status;

    public string Symbol => Book.Symbol;

    public bool ShowsOrders { get; } = showsOrders;

    /// <summary>The library's order book: synced from the depth stream and REST snapshots, resynced on any gap.</summary>
    public BackpackOrderBook Book { get; } = book;

    public long TradeCount { get { lock (_lock) { return _tradeCount; } } }

    public long OrderCount { get { lock (_lock) { return _orderCount; } } }

    /// <summary>The last notable event (an error, a resync), shown under the book.</summary>
    public string? Status
    {
        get { lock (_lock) { return _status; } }
        set { lock (_lock) { _status = value; } }
    }

    public void AddTrade(Trade trade) => Add(_trades, trade, MaxTrades, ref _tradeCount);

    public void AddOrder(OrderUpdate order) => Add(_orders, order, MaxOrders, ref _orderCount);

    /// <summary>The most recent trades, newest first.</summary>
    public IReadOnlyList<Trade> RecentTrades() { lock (_lock) { return [.. _trades]; } }

    /// <summary>The most recent order updates, newest first.</summary>
    public IReadOnlyList<OrderUpdate> RecentOrders() { lock (_lock) { return [.. _orders]; } }

    private void Add<T>(LinkedList<T> list, T item, int max, ref long count)
    {
        lock (_lock)
        {
            list.AddFirst(item);
            if (list.Count > max)
            {
                list.RemoveLast();
            }

            count++;
        }
    }
}

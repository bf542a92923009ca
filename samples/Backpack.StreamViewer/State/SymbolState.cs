using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer;

/// <summary>What the viewer collects for one market: its book, its latest trades and their prices over time.</summary>
/// <remarks>Written by the stream readers, read by the screen; thread-safe.</remarks>
internal sealed class SymbolState(BackpackOrderBook book)
{
    /// <summary>How long the price chart reaches back.</summary>
    public static readonly TimeSpan ChartWindow = TimeSpan.FromMinutes(3);

    /// <summary>The columns of the price chart.</summary>
    public const int ChartColumns = 60;

    private readonly Lock _lock = new();
    private readonly LinkedList<TradeView> _trades = new();
    private readonly Queue<(DateTimeOffset ReceivedAt, decimal Price)> _prices = new();
    private readonly List<DateTimeOffset> _unshownEventTimes = [];
    private decimal? _priceBeforeWindow;
    private long _tradeCount;
    private Func<long> _dropped = static () => 0;

    public string Symbol => Book.Symbol;

    /// <summary>The library's order book: synced from the depth stream and REST snapshots, resynced on any gap.</summary>
    public BackpackOrderBook Book { get; } = book;

    public long TradeCount { get { lock (_lock) { return _tradeCount; } } }

    /// <summary>Items the trade subscription dropped because the viewer fell behind.</summary>
    public long Dropped => Volatile.Read(ref _dropped)();

    /// <summary>Where <see cref="Dropped"/> comes from: the current trade subscription.</summary>
    public void CountDropsOf(Func<long> dropped) => Volatile.Write(ref _dropped, dropped);

    public void AddTrade(Trade trade, DateTimeOffset receivedAt)
    {
        lock (_lock)
        {
            _trades.AddFirst(new TradeView(trade.EngineTime, trade.Price, trade.Quantity, IsBuy: !trade.IsBuyerMaker));
            if (_trades.Count > DashboardRenderer.TapeLength)
            {
                _trades.RemoveLast();
            }

            _prices.Enqueue((receivedAt, trade.Price));
            _unshownEventTimes.Add(trade.EventTime);
            _tradeCount++;
        }
    }

    /// <summary>The view of this market at <paramref name="now"/>; hands the event times of trades not shown before to <paramref name="newlyShown"/>.</summary>
    public SymbolView View(DateTimeOffset now, List<DateTimeOffset> newlyShown)
    {
        var book = BookView.From(Book.GetSnapshot(DashboardRenderer.Depth), Book.ResyncCount);
        lock (_lock)
        {
            newlyShown.AddRange(_unshownEventTimes);
            _unshownEventTimes.Clear();
            return new SymbolView(Symbol, book, [.. _trades], _tradeCount, Chart(now), ChartWindow);
        }
    }

    /// <summary>The last price in each column of the window; a column without a trade keeps the price before it. Holds the lock.</summary>
    private decimal?[] Chart(DateTimeOffset now)
    {
        var start = now - ChartWindow;
        while (_prices.Count > 0 && _prices.Peek().ReceivedAt < start)
        {
            _priceBeforeWindow = _prices.Dequeue().Price;
        }

        var columns = new decimal?[ChartColumns];
        var width = ChartWindow / ChartColumns;
        var last = _priceBeforeWindow;
        using var prices = _prices.GetEnumerator();
        var more = prices.MoveNext();
        for (var c = 0; c < ChartColumns; c++)
        {
            var end = start + (width * (c + 1));
            while (more && prices.Current.ReceivedAt < end)
            {
                last = prices.Current.Price;
                more = prices.MoveNext();
            }

            columns[c] = last;
        }

        if (more)
        {
            // Why: a trade stamped at "now" exactly falls past the last column's end; it is still the latest price.
            columns[^1] = _prices.Last().Price;
        }

        return columns;
    }
}

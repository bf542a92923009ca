using Backpack.WebSockets;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer.Tests;

/// <summary>A known dashboard frame: a small book, a short tape, a chart and a status, built by hand.</summary>
internal static class Frames
{
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public static BookView Book(OrderBookState state = OrderBookState.Synced) => new(
        state,
        LastUpdateId: 4242,
        Resyncs: 1,
        Bids: [new PriceLevel(149.98m, 10m), new PriceLevel(149.97m, 5m), new PriceLevel(149.90m, 2.5m)],
        Asks: [new PriceLevel(150.02m, 1m), new PriceLevel(150.05m, 20m)]);

    public static DashboardState State(BookView? book = null, IReadOnlyList<string>? symbols = null) => new(
        "simulated exchange",
        symbols ?? ["SOL_USDC", "BTC_USDC"],
        new SymbolView(
            "SOL_USDC",
            book ?? Book(),
            [
                new TradeView(Now.AddSeconds(-1), 150.02m, 0.5m, IsBuy: true),
                new TradeView(Now.AddSeconds(-2), 149.98m, 1.25m, IsBuy: false),
            ],
            TradeCount: 57,
            Chart: [null, null, 149m, 150m, 151m],
            ChartWindow: TimeSpan.FromMinutes(3)),
        new StatusView(
            [new ConnectionView(1, BackpackConnectionState.Connected, Now.AddMinutes(-1), Streams: 4, IsPrivate: false, IsCompressed: false, ReconnectCount: 2, DisconnectError: null)],
            MessagesPerSecond: 123.4,
            MessagesTotal: 5678,
            ItemsDropped: 3,
            Reconnects: 2,
            new LatencyView(TimeSpan.FromMilliseconds(12), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40)),
            Message: "12:00:00 SOL_USDC book in sync again",
            Recording: null));
}

using Backpack.WebSockets;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer.Tests.State;

/// <summary>What the viewer collects per market, on a book that never starts (no connection is opened).</summary>
public sealed class SymbolStateTests : IAsyncDisposable
{
    private readonly BackpackStreamClient _client = new(new BackpackStreamClientOptions());
    private readonly BackpackOrderBook _book;

    public SymbolStateTests() => _book = new BackpackOrderBook(_client, "SOL_USDC");

    [Fact]
    public void View_Trades_AreOnTheTapeNewestFirstAndCounted()
    {
        var state = new SymbolState(_book);
        state.AddTrade(Trade(1, 150m, buyerMaker: false), Frames.Now.AddSeconds(-2));
        state.AddTrade(Trade(2, 151m, buyerMaker: true), Frames.Now.AddSeconds(-1));

        var view = state.View(Frames.Now, []);

        Assert.Equal(2, view.TradeCount);
        Assert.Equal([151m, 150m], view.Trades.Select(t => t.Price));
        Assert.Equal([false, true], view.Trades.Select(t => t.IsBuy));
        Assert.Equal(OrderBookState.Syncing, view.Book.State);
    }

    [Fact]
    public void View_Chart_HoldsTheLastPriceOfEachColumnAndCarriesItForward()
    {
        var state = new SymbolState(_book);
        var column = SymbolState.ChartWindow / SymbolState.ChartColumns;
        var start = Frames.Now - SymbolState.ChartWindow;
        state.AddTrade(Trade(1, 100m), start - TimeSpan.FromSeconds(1)); // before the window: the price it starts from
        state.AddTrade(Trade(2, 101m), start + (column * 10.5));
        state.AddTrade(Trade(3, 102m), start + (column * 10.7));

        var chart = state.View(Frames.Now, []).Chart;

        Assert.Equal(SymbolState.ChartColumns, chart.Count);
        Assert.Equal(100m, chart[0]);
        Assert.Equal(100m, chart[9]);
        Assert.Equal(102m, chart[10]);
        Assert.Equal(102m, chart[^1]);
    }

    [Fact]
    public void View_HandsEachTradesEventTimeOverOnce()
    {
        var state = new SymbolState(_book);
        state.AddTrade(Trade(1, 150m), Frames.Now);
        var first = new List<DateTimeOffset>();
        var second = new List<DateTimeOffset>();

        state.View(Frames.Now, first);
        state.View(Frames.Now, second);

        Assert.Equal([Frames.Now.AddMilliseconds(-30)], first);
        Assert.Empty(second);
    }

    public async ValueTask DisposeAsync()
    {
        await _book.DisposeAsync();
        await _client.DisposeAsync();
    }

    private static Trade Trade(long id, decimal price, bool buyerMaker = false) => new()
    {
        Symbol = "SOL_USDC",
        TradeId = id,
        Price = price,
        Quantity = 1m,
        IsBuyerMaker = buyerMaker,
        EventTime = Frames.Now.AddMilliseconds(-30),
        EngineTime = Frames.Now.AddMilliseconds(-31),
    };
}

using Backpack.WebSockets;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer.Tests.State;

public sealed class ViewerStateTests : IAsyncDisposable
{
    private readonly BackpackStreamClient _client = new(new BackpackStreamClientOptions());
    private readonly List<BackpackOrderBook> _books = [];

    [Fact]
    public void Select_WrapsAroundBothWays()
    {
        var state = State("SOL_USDC", "BTC_USDC", "ETH_USDC");

        state.SelectPrevious();
        Assert.Equal(2, state.Selected);
        state.SelectNext();
        Assert.Equal(0, state.Selected);
        state.Select(4);
        Assert.Equal(1, state.Selected);
    }

    [Fact]
    public void Snapshot_ShowsTheSelectedMarketAndNamesAll()
    {
        var state = State("SOL_USDC", "BTC_USDC");
        state.SelectNext();

        var frame = state.Snapshot(Frames.Now);

        Assert.Equal("BTC_USDC", frame.Selected.Symbol);
        Assert.Equal(["SOL_USDC", "BTC_USDC"], frame.Symbols);
        Assert.Null(frame.Orders);
        Assert.Null(frame.Status.Latency);
    }

    [Fact]
    public void Snapshot_MessagesPerSecond_IsTheCountOverTheLastSecond()
    {
        long messages = 0;
        var state = State(() => messages, "SOL_USDC");

        state.Snapshot(Frames.Now);
        messages = 250;
        var frame = state.Snapshot(Frames.Now.AddSeconds(2));

        Assert.Equal(125, frame.Status.MessagesPerSecond);
        Assert.Equal(250, frame.Status.MessagesTotal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var book in _books)
        {
            await book.DisposeAsync();
        }

        await _client.DisposeAsync();
    }

    private ViewerState State(params string[] symbols) => State(() => 0, symbols);

    private ViewerState State(Func<long> messages, params string[] symbols)
    {
        var states = symbols.Select(symbol =>
        {
            var book = new BackpackOrderBook(_client, symbol);
            _books.Add(book);
            return new SymbolState(book);
        }).ToList();
        return new ViewerState("test", states, showsOrders: false, showsLatency: true, connections: () => [], messages);
    }
}

using Backpack.WebSockets;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer.Tests.Plain;

public sealed class PlainLineFormatterTests
{
    [Fact]
    public void Format_SyncedBook_IsTheSummaryLineOfBefore()
    {
        var line = PlainLineFormatter.Format("SOL_USDC", Frames.Book(), trades: 57, BackpackConnectionState.Connected, orders: null);

        Assert.Equal("book SOL_USDC update=4242 bid=149.98x10 ask=150.02x1 spread=0.04 book=Synced resyncs=1 trades=57 state=Connected", line);
    }

    [Fact]
    public void Format_BookNotSynced_HasDashesForTheLevels()
    {
        var book = new BookView(OrderBookState.Syncing, 0, 0, [], []);

        var line = PlainLineFormatter.Format("BTC_USDC", book, trades: 0, BackpackConnectionState.Reconnecting, orders: null);

        Assert.Equal("book BTC_USDC update=- bid=- ask=- spread=- book=Syncing resyncs=0 trades=0 state=Reconnecting", line);
    }

    [Fact]
    public void Format_WithCredentials_EndsWithTheOrderCount()
    {
        var line = PlainLineFormatter.Format("SOL_USDC", Frames.Book(), trades: 1, BackpackConnectionState.Connected, orders: 3);

        Assert.EndsWith(" state=Connected orders=3", line, StringComparison.Ordinal);
    }
}

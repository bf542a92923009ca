using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Tests.OrderBook;

public sealed class BackpackOrderBookOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(5000)]
    public void SnapshotLimit_NotAnApiValue_Throws(int limit)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BackpackOrderBookOptions { SnapshotLimit = limit });

        Assert.Equal(nameof(BackpackOrderBookOptions.SnapshotLimit), error.ParamName);
    }

    [Fact]
    public void Setters_OutOfRange_Throw()
    {
        var options = new BackpackOrderBookOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxBufferedUpdates = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxSnapshotAttempts = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxUpdatesPerPublish = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.RetryDelay = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.SnapshotTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.DepthInterval = (DepthInterval)99);
        Assert.Equal(BackpackOrderBookOptions.DefaultSnapshotLimit, options.SnapshotLimit);
    }

    [Theory]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(3, 1000)]
    [InlineData(6, 5000)]
    [InlineData(40, 5000)]
    public void GetRetryDelay_DoublesUpToTheMaximum(int retry, int expectedMilliseconds)
    {
        var options = new BackpackOrderBookOptions();

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), options.GetRetryDelay(retry));
    }

    [Fact]
    public async Task Constructor_ValidatesItsArguments()
    {
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions());
        await using var book = new BackpackOrderBook(client, "SPCX.US_USDC");

        Assert.Equal(OrderBookState.Syncing, book.State);
        Assert.Equal("SPCX.US_USDC", book.Symbol);
        Assert.Throws<ArgumentException>(() => new BackpackOrderBook(client, "BAD SYMBOL"));
        Assert.Throws<ArgumentNullException>(() => new BackpackOrderBook(null!, "SOL_USDC"));
    }
}

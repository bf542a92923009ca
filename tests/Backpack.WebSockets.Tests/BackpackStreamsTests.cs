using Backpack.WebSockets.Models;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests;

public class BackpackStreamsTests
{
    public static TheoryData<string, string, bool> Names => new()
    {
        { BackpackStreams.Depth("SOL_USDC").Name, "depth.SOL_USDC", false },
        { BackpackStreams.Depth("SOL_USDC", DepthInterval.Milliseconds200).Name, "depth.200ms.SOL_USDC", false },
        { BackpackStreams.Depth("SOL_USDC", DepthInterval.Milliseconds600).Name, "depth.600ms.SOL_USDC", false },
        { BackpackStreams.Depth("SOL_USDC", DepthInterval.Milliseconds1000).Name, "depth.1000ms.SOL_USDC", false },
        { BackpackStreams.BookTicker("SPCX.US_USDC").Name, "bookTicker.SPCX.US_USDC", false },
        { BackpackStreams.Trades("SOL_USDC").Name, "trade.SOL_USDC", false },
        { BackpackStreams.Ticker("SOL_USDC").Name, "ticker.SOL_USDC", false },
        { BackpackStreams.Klines("ETH_USDC", KlineInterval.TwoHours).Name, "kline.2h.ETH_USDC", false },
        { BackpackStreams.Klines("ETH_USDC", KlineInterval.OneMonth).Name, "kline.1month.ETH_USDC", false },
        { BackpackStreams.MarkPrice("BTC_USDC_PERP").Name, "markPrice.BTC_USDC_PERP", false },
        { BackpackStreams.OpenInterest("SOL_USDC_PERP").Name, "openInterest.SOL_USDC_PERP", false },
        { BackpackStreams.Liquidations().Name, "liquidation", false },
        { BackpackStreams.ExternalTicker("MU.US_USDC").Name, "externalTicker.MU.US_USDC", false },
        { BackpackStreams.StockPrice("NVDA").Name, "stockPrice.NVDA", false },
        { BackpackStreams.StockPrice("BRK.B").Name, "stockPrice.BRK.B", false },
        { BackpackStreams.StockIndicativeQuote("NVDA").Name, "stockIndicativeQuote.NVDA", false },
        { BackpackStreams.OrderUpdates().Name, "account.orderUpdate", true },
        { BackpackStreams.OrderUpdates("SOL_USDC").Name, "account.orderUpdate.SOL_USDC", true },
        { BackpackStreams.PositionUpdates().Name, "account.positionUpdate", true },
        { BackpackStreams.PositionUpdates("SOL_USDC_PERP").Name, "account.positionUpdate.SOL_USDC_PERP", true },
        { BackpackStreams.BalanceUpdates().Name, "account.balanceUpdate", true },
        { BackpackStreams.RfqUpdates().Name, "account.rfqUpdate", true },
        { BackpackStreams.RfqUpdates("SOL_USDC_RFQ").Name, "account.rfqUpdate.SOL_USDC_RFQ", true },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Descriptors_BuildTheDocumentedStreamNames(string actual, string expected, bool isPrivate)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(isPrivate, actual.StartsWith("account.", StringComparison.Ordinal));
    }

    [Fact]
    public void PrivateDescriptors_AreMarkedPrivate()
    {
        Assert.True(BackpackStreams.BalanceUpdates().IsPrivate);
        Assert.False(BackpackStreams.Trades("SOL_USDC").IsPrivate);
    }

    [Theory]
    [InlineData("SOL_USDC\",\"account.orderUpdate")]
    [InlineData("SOL USDC")]
    [InlineData("")]
    public void Descriptors_RejectSymbolsThatCouldSmuggleStreams(string symbol)
    {
        Assert.ThrowsAny<ArgumentException>(() => BackpackStreams.Trades(symbol));
        Assert.ThrowsAny<ArgumentException>(() => BackpackStreams.OrderUpdates(symbol));
        Assert.ThrowsAny<ArgumentException>(() => BackpackStreams.Depth(symbol, DepthInterval.Milliseconds200));
    }

    [Theory]
    [InlineData("NVDA.US")]
    [InlineData("NVDA.US_USDC")]
    [InlineData("NVDA\",\"account.orderUpdate")]
    [InlineData("")]
    public void StockDescriptors_RejectAnythingButABareTicker(string ticker)
    {
        Assert.ThrowsAny<ArgumentException>(() => BackpackStreams.StockPrice(ticker));
        Assert.ThrowsAny<ArgumentException>(() => BackpackStreams.StockIndicativeQuote(ticker));
    }

    [Fact]
    public void StockPrice_ParserTakesTheTickerFromTheStreamName()
    {
        var stream = BackpackStreams.StockPrice("BRK.B");

        var price = stream.Parser("""{"timestamp":1790915531026,"bid":null}"""u8);

        Assert.Equal("BRK.B", price.Ticker);
    }

    [Fact]
    public void ExternalTicker_PayloadWithoutSymbol_SymbolOfTheStreamName()
    {
        Assert.Equal("MU.US_USDC", BackpackStreams.ExternalTicker("MU.US_USDC").Parser("{}"u8).Symbol);
    }

    [Fact]
    public void Klines_UnknownInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BackpackStreams.Klines("SOL_USDC", KlineInterval.Unknown));
    }

    [Fact]
    public void Depth_UndefinedInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BackpackStreams.Depth("SOL_USDC", (DepthInterval)42));
    }

    [Fact]
    public async Task TradeStream_DeliversTypedTradesFromTheWire()
    {
        await using var h = new ClientHarness();
        var pending = h.Client.SubscribeAsync(BackpackStreams.Trades("BTC_USDC_PERP"));
        await h.ReadRequestAsync();

        h.Connection.PushText("{\"data\":{\"E\":1790915531026313,\"T\":1790915531025000,\"a\":\"66605319496\",\"b\":\"66605329178\",\"e\":\"trade\",\"m\":false,\"p\":\"86642.9\",\"q\":\"0.07206\",\"s\":\"BTC_USDC_PERP\",\"t\":99419870},\"stream\":\"trade.BTC_USDC_PERP\"}");
        await using var trades = await pending.OrTimeout();
        await using var reader = trades.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());

        var trade = reader.Current;
        Assert.Equal("BTC_USDC_PERP", trade.Symbol);
        Assert.Equal(86642.9m, trade.Price);
        Assert.Equal(0.07206m, trade.Quantity);
        Assert.Equal(99419870, trade.TradeId);
        Assert.Equal(66605329178, trade.BuyerOrderId);
        Assert.Equal(66605319496, trade.SellerOrderId);
        Assert.False(trade.IsBuyerMaker);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1790915531026313L * 10), trade.EventTime);
    }

    [Fact]
    public async Task KlineStream_CarriesTheIntervalOfItsName()
    {
        await using var h = new ClientHarness();
        var pending = h.Client.SubscribeAsync(BackpackStreams.Klines("ETH_USDC", KlineInterval.TwoHours));
        await h.ReadRequestAsync();

        h.Connection.PushText("{\"stream\":\"kline.2h.ETH_USDC\",\"data\":{\"E\":1754519557526056,\"T\":\"2025-08-07T00:00:00\",\"X\":false,\"c\":\"3680.520000000\",\"e\":\"kline\",\"h\":\"3681.370000000\",\"l\":\"3667.650000000\",\"n\":255,\"o\":\"3670.150000000\",\"s\":\"ETH_USDC\",\"t\":\"2025-08-06T22:00:00\",\"v\":\"62.2621000\"}}");
        await using var klines = await pending.OrTimeout();
        await using var reader = klines.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());

        Assert.Equal(KlineInterval.TwoHours, reader.Current.Interval);
        Assert.Equal(new DateTimeOffset(2025, 8, 6, 22, 0, 0, TimeSpan.Zero), reader.Current.StartTime);
        Assert.Equal(3680.52m, reader.Current.Close);
    }
}

using System.Text.Json;
using Backpack.WebSockets.IntegrationTests.Infrastructure;

namespace Backpack.WebSockets.IntegrationTests.Simulator;

/// <summary>The provider streams of spec §6.9-6.11 and the empty candle of §6.5, as the simulator publishes them.</summary>
public sealed partial class MarketSimulatorTests
{
    [Fact]
    public async Task ExternalTicker_IsPublishedOncePerSimulatedSecondForEveryMarket()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var frames = await exchange.RecordAsync(100, s_50ms, "externalTicker.SOL_USDC", "externalTicker.BTC_USDC_PERP");
        var spot = DataOf(frames, "externalTicker.SOL_USDC");

        Assert.Equal(5, spot.Count);
        Assert.Equal(5, DataOf(frames, "externalTicker.BTC_USDC_PERP").Count);
        Assert.All(spot, t =>
        {
            Assert.Equal("externalTicker", t.GetProperty("e").GetString());
            Assert.Equal("SOL_USDC", t.GetProperty("s").GetString());
            Assert.Equal(JsonValueKind.Number, t.GetProperty("E").ValueKind);
            Assert.InRange(Frames.Decimal(t.GetProperty("c")), Frames.Decimal(t.GetProperty("l")), Frames.Decimal(t.GetProperty("h")));
            Assert.True(Frames.Decimal(t.GetProperty("V")) >= 0 && Frames.Decimal(t.GetProperty("v")) >= 0);
        });
    }

    [Fact]
    public async Task StockStreams_ArePublishedOncePerSecondWithLongKeysAndMillisecondTimestamps()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var frames = await exchange.RecordAsync(100, s_50ms, "stockPrice.NVDA", "stockIndicativeQuote.NVDA", "stockPrice.AAPL");
        var prices = DataOf(frames, "stockPrice.NVDA");
        var quotes = DataOf(frames, "stockIndicativeQuote.NVDA");

        Assert.Equal(5, prices.Count);
        Assert.Equal(5, quotes.Count);
        Assert.Equal(5, DataOf(frames, "stockPrice.AAPL").Count);
        var end = (SimulatedExchange.Start + (s_50ms * 100)).ToUnixTimeMilliseconds();
        Assert.All(prices, p =>
        {
            Assert.Equal("NVDA", p.GetProperty("symbol").GetString());
            Assert.InRange(p.GetProperty("timestamp").GetInt64(), SimulatedExchange.Start.ToUnixTimeMilliseconds() - 1000, end);
            Assert.True(Frames.Decimal(p.GetProperty("bid")) < Frames.Decimal(p.GetProperty("mid")));
            Assert.True(Frames.Decimal(p.GetProperty("mid")) < Frames.Decimal(p.GetProperty("ask")));
            Assert.Equal("overnight", p.GetProperty("session").GetString()); // Thursday 03:04 UTC
        });
        Assert.All(quotes.Zip(prices), pair =>
        {
            var (quote, price) = pair;
            Assert.True(Frames.Decimal(quote.GetProperty("estimatedBid")) < Frames.Decimal(price.GetProperty("bid")));
            Assert.True(Frames.Decimal(quote.GetProperty("estimatedAsk")) > Frames.Decimal(price.GetProperty("ask")));
        });
    }

    [Fact]
    public async Task StockStreams_OnAWeekend_SendNullSidesAndSession()
    {
        await using var exchange = await SimulatedExchange.StartAsync();
        exchange.Time.Advance(TimeSpan.FromDays(2)); // Saturday 2025-01-04

        var frames = await exchange.RecordAsync(40, s_50ms, "stockPrice.NVDA", "stockIndicativeQuote.NVDA");

        var price = DataOf(frames, "stockPrice.NVDA")[^1];
        var quote = DataOf(frames, "stockIndicativeQuote.NVDA")[^1];
        Assert.All(["bid", "ask", "session"], key => Assert.Equal(JsonValueKind.Null, price.GetProperty(key).ValueKind));
        Assert.True(Frames.Decimal(price.GetProperty("mid")) > 0);
        Assert.All(["estimatedBid", "estimatedAsk", "session"], key => Assert.Equal(JsonValueKind.Null, quote.GetProperty(key).ValueKind));
    }

    [Fact]
    public async Task StockTickers_Option_ChoosesTheTickersAndMakesThemKnown()
    {
        await using var exchange = await SimulatedExchange.StartAsync(
            o => o.StockTickers = ["BRK.B"],
            server => server.RejectUnknownSymbols = true);

        var frames = await exchange.RecordAsync(30, s_50ms, "stockPrice.BRK.B");

        Assert.NotEmpty(DataOf(frames, "stockPrice.BRK.B"));
        Assert.All(exchange.Server.Requests, r => Assert.Null(r.ErrorCode));
    }

    [Fact]
    public async Task Klines_ACandleWithoutTrades_ClosesWithNullPricesAndVolume()
    {
        await using var exchange = await SimulatedExchange.StartAsync(o => o.TradeProbability = 0);

        var frames = await exchange.RecordAsync(70, TimeSpan.FromSeconds(1), "kline.1m.SOL_USDC");

        var closed = Assert.Single(DataOf(frames, "kline.1m.SOL_USDC"), k => k.GetProperty("X").GetBoolean());
        Assert.Equal(0, closed.GetProperty("n").GetInt64());
        Assert.All(["o", "h", "l", "c", "v"], key => Assert.Equal(JsonValueKind.Null, closed.GetProperty(key).ValueKind));
    }
}

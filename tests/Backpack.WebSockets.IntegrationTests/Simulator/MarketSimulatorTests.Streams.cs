using System.Text.Json;
using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Simulator;

public sealed partial class MarketSimulatorTests
{
    [Fact]
    public async Task BookTicker_FollowsTheTopOfBookWithTheDepthUpdateId()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var frames = await exchange.RecordAsync(300, s_50ms, "depth.SOL_USDC", "bookTicker.SOL_USDC");
        var tickers = DataOf(frames, "bookTicker.SOL_USDC");
        var depthIds = DataOf(frames, "depth.SOL_USDC").Select(d => d.GetProperty("u").GetInt64()).ToHashSet();

        Assert.NotEmpty(tickers);
        Assert.All(tickers, t => Assert.Contains(t.GetProperty("u").GetInt64(), depthIds));
        Assert.All(tickers, t => Assert.True(Frames.Decimal(t.GetProperty("b")) < Frames.Decimal(t.GetProperty("a"))));
        var top = exchange.Simulator.GetBook("SOL_USDC", 1);
        var last = tickers[^1];
        Assert.Equal(
            (top.BestBid!.Value.Price, top.BestBid.Value.Quantity, top.BestAsk!.Value.Price, top.BestAsk.Value.Quantity),
            (Frames.Decimal(last.GetProperty("b")), Frames.Decimal(last.GetProperty("B")), Frames.Decimal(last.GetProperty("a")), Frames.Decimal(last.GetProperty("A"))));
    }

    [Fact]
    public async Task Trades_HaveSequentialIdsAndWireTypes()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var trades = DataOf(await exchange.RecordAsync(300, s_50ms, "trade.BTC_USDC"), "trade.BTC_USDC");

        Assert.True(trades.Count > 20);
        for (var i = 1; i < trades.Count; i++)
        {
            Assert.Equal(trades[i - 1].GetProperty("t").GetInt64() + 1, trades[i].GetProperty("t").GetInt64());
        }

        Assert.All(trades, t =>
        {
            Assert.Equal(JsonValueKind.Number, t.GetProperty("t").ValueKind);
            Assert.True(long.TryParse(t.GetProperty("a").GetString(), out _));
            Assert.True(long.TryParse(t.GetProperty("b").GetString(), out _));
            Assert.True(t.GetProperty("m").ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.True(Frames.Decimal(t.GetProperty("q")) > 0);
            Assert.Matches(@"^\d+\.\d$", t.GetProperty("p").GetString());
            Assert.Matches(@"^\d+\.\d{5}$", t.GetProperty("q").GetString());
        });
        Assert.Contains(trades, t => t.GetProperty("m").GetBoolean());
        Assert.Contains(trades, t => !t.GetProperty("m").GetBoolean());
    }

    [Fact]
    public async Task TickerAndMarkPrice_ArePublishedOncePerSimulatedSecond()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var frames = await exchange.RecordAsync(100, s_50ms, "ticker.SOL_USDC", "markPrice.SOL_USDC_PERP", "markPrice.SOL_USDC");
        var tickers = DataOf(frames, "ticker.SOL_USDC");
        var marks = DataOf(frames, "markPrice.SOL_USDC_PERP");

        Assert.Equal(5, tickers.Count);
        Assert.Equal(5, marks.Count);
        Assert.Empty(DataOf(frames, "markPrice.SOL_USDC"));
        Assert.All(tickers, t =>
        {
            Assert.False(t.TryGetProperty("T", out _));
            Assert.Equal(JsonValueKind.Number, t.GetProperty("n").ValueKind);
            Assert.True(Frames.Decimal(t.GetProperty("l")) <= Frames.Decimal(t.GetProperty("h")));
        });
        Assert.All(marks, m => Assert.Equal(new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), m.GetProperty("n").GetInt64()));
    }

    [Fact]
    public async Task Klines_UseNaiveUtcIsoTimesAndCloseWithX()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var frames = await exchange.RecordAsync(100, TimeSpan.FromSeconds(1), "kline.1m.SOL_USDC", "kline.3m.SOL_USDC");
        var oneMinute = DataOf(frames, "kline.1m.SOL_USDC");
        var closed = oneMinute.Where(k => k.GetProperty("X").GetBoolean()).ToList();

        var first = Assert.Single(closed);
        Assert.Equal("2025-01-02T03:04:00", first.GetProperty("t").GetString());
        Assert.Equal("2025-01-02T03:05:00", first.GetProperty("T").GetString());
        Assert.Contains(oneMinute, k => !k.GetProperty("X").GetBoolean() && k.GetProperty("t").GetString() == "2025-01-02T03:05:00");
        Assert.NotEmpty(DataOf(frames, "kline.3m.SOL_USDC"));
        Assert.All(oneMinute, k =>
        {
            Assert.Equal("kline", k.GetProperty("e").GetString());
            Assert.Equal(JsonValueKind.Number, k.GetProperty("n").ValueKind);
        });
    }

    [Fact]
    public async Task OpenInterest_IsPublishedEverySixtySecondsForPerpetuals()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var openInterest = DataOf(await exchange.RecordAsync(130, TimeSpan.FromSeconds(1), "openInterest.SOL_USDC_PERP"), "openInterest.SOL_USDC_PERP");

        Assert.Equal(2, openInterest.Count);
        Assert.All(openInterest, o => Assert.True(Frames.Decimal(o.GetProperty("o")) >= 0));
    }

    [Fact]
    public async Task Liquidations_AppearOnTheGlobalStream()
    {
        await using var exchange = await SimulatedExchange.StartAsync(options => options.LiquidationProbability = 0.5);

        var liquidations = DataOf(await exchange.RecordAsync(20, s_50ms, "liquidation"), "liquidation");

        Assert.NotEmpty(liquidations);
        Assert.All(liquidations, l =>
        {
            Assert.EndsWith("_PERP", l.GetProperty("s").GetString());
            Assert.Contains(l.GetProperty("S").GetString(), new[] { "Bid", "Ask" });
        });
    }

    [Fact]
    public async Task RunAsync_StepsOnTheServerClock_UntilCancelled()
    {
        await using var exchange = await SimulatedExchange.StartAsync();
        await using var socket = await exchange.ConnectAsync("depth.ETH_USDC");
        using var cancellation = new CancellationTokenSource();

        var run = exchange.Simulator.RunAsync(s_50ms, cancellation.Token);
        for (var i = 0; i < 3; i++)
        {
            exchange.Time.Advance(s_50ms);
            var frame = Frames.Parse(await socket.ReceiveTextAsync());
            Assert.Equal("depth.ETH_USDC", Frames.Stream(frame));
        }

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run).OrTimeout();
        Assert.Equal(3, exchange.Simulator.StepCount);
    }

    [Fact]
    public async Task StepAsync_WhileConnectionsAreDropped_KeepsPublishingToNewConnections()
    {
        await using var exchange = await SimulatedExchange.StartAsync();
        var sockets = new List<TestSocket>();
        for (var i = 0; i < 3; i++)
        {
            sockets.Add(await exchange.ConnectAsync("depth.SOL_USDC", "trade.SOL_USDC", "bookTicker.SOL_USDC"));
        }

        var stepping = Task.Run(() => exchange.StepAsync(300, s_50ms));
        exchange.Server.DropAllConnections();
        await stepping.OrTimeout();
        await using var fresh = await exchange.ConnectAsync("depth.SOL_USDC");
        await exchange.StepAsync(1, s_50ms);

        Assert.Equal("depth.SOL_USDC", Frames.Stream(Frames.Parse(await fresh.ReceiveTextAsync())));
        Assert.Equal(301, exchange.Simulator.StepCount);
        foreach (var socket in sockets)
        {
            await socket.DisposeAsync();
        }
    }
}

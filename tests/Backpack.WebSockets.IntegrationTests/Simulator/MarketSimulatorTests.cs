using System.Text.Json;
using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Simulator;

public sealed partial class MarketSimulatorTests
{
    private static readonly TimeSpan s_50ms = TimeSpan.FromMilliseconds(50);

    /// <summary>Parses frames and keeps those of <paramref name="stream"/>, as their <c>data</c>.</summary>
    private static List<JsonElement> DataOf(IEnumerable<string> frames, string stream) =>
        [.. frames.Select(Frames.Parse).Where(frame => Frames.Stream(frame) == stream).Select(Frames.Data)];

    [Fact]
    public async Task Constructor_RegistersSymbolsAndServesItsBookOverRest()
    {
        await using var exchange = await SimulatedExchange.StartAsync(options =>
            options.Symbols = [new SimulatedMarket("DOGE_USDC", 0.25000m, 0.00001m, 1m)]);

        var book = LocalBook.FromRest(await exchange.GetDepthAsync("DOGE_USDC"));

        book.AssertEqual(exchange.Simulator.GetBook("DOGE_USDC"));
        Assert.Equal(MarketSimulatorOptions.DefaultBookDepth, book.Bids.Count);
        Assert.Equal(["DOGE_USDC"], exchange.Simulator.Symbols);
        await using var socket = await exchange.ConnectAsync("depth.DOGE_USDC");
    }

    [Fact]
    public async Task Constructor_SecondSimulatorOnOneServer_Throws()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        Assert.Throws<InvalidOperationException>(() => new MarketSimulator(exchange.Server));
    }

    [Fact]
    public async Task Constructor_AccountKeyOtherThanServerKey_Throws()
    {
        await using var server = new BackpackTestServer(new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey });

        Assert.Throws<ArgumentException>(() => new MarketSimulator(server, new MarketSimulatorOptions { AccountPublicKey = "5+yQgwU0ZdJ/9s+GXfuPFfo7yQQpl9CgvQedJXne30p=" }));
    }

    [Fact]
    public async Task Constructor_InitialPositionOnSpotMarket_Throws()
    {
        await using var server = new BackpackTestServer();

        Assert.Throws<ArgumentException>(() => new MarketSimulator(server, new MarketSimulatorOptions { InitialPositions = { ["SOL_USDC"] = 1m } }));
    }

    [Fact]
    public async Task SameSeed_SameFrames_OtherSeed_OtherFrames()
    {
        string[] streams =
        [
            "depth.SOL_USDC", "depth.200ms.SOL_USDC", "depth.1000ms.BTC_USDC", "bookTicker.SOL_USDC", "trade.SOL_USDC",
            "ticker.ETH_USDC", "kline.1m.SOL_USDC", "kline.1s.BTC_USDC_PERP", "markPrice.SOL_USDC_PERP",
            "openInterest.BTC_USDC_PERP", "liquidation", "account.orderUpdate", "account.balanceUpdate", "account.positionUpdate",
        ];

        async Task<List<string>> RunAsync(int seed)
        {
            await using var exchange = await SimulatedExchange.StartAsync(options =>
            {
                options.Seed = seed;
                options.AccountPublicKey = TestKeys.PublicKey;
                options.AccountActivity = 0.2;
            });
            return await exchange.RecordAsync(700, TimeSpan.FromMilliseconds(100), streams);
        }

        var first = await RunAsync(7);
        var second = await RunAsync(7);
        var other = await RunAsync(8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        var seen = first.Select(frame => Frames.Stream(Frames.Parse(frame))).ToHashSet();
        Assert.All(streams, stream => Assert.Contains(stream, seen));
    }

    [Fact]
    public async Task Book_BestBidBelowBestAsk_ForThousandsOfSteps()
    {
        await using var exchange = await SimulatedExchange.StartAsync();
        var simulator = exchange.Simulator;
        var lowestBid = decimal.MaxValue;
        var highestBid = decimal.MinValue;

        for (var step = 0; step < 5000; step++)
        {
            simulator.Step();
            foreach (var symbol in simulator.Symbols)
            {
                var book = simulator.GetBook(symbol, 1);
                Assert.True(book.BestBid!.Value.Price < book.BestAsk!.Value.Price, $"{symbol} crossed at step {step}");
            }

            var sol = simulator.GetBook("SOL_USDC", 1).BestBid!.Value.Price;
            lowestBid = Math.Min(lowestBid, sol);
            highestBid = Math.Max(highestBid, sol);
        }

        var full = simulator.GetBook("SOL_USDC");
        Assert.InRange(full.Bids.Count, 10, MarketSimulatorOptions.DefaultBookDepth);
        Assert.InRange(full.Asks.Count, 10, MarketSimulatorOptions.DefaultBookDepth);
        Assert.True(highestBid - lowestBid >= 0.05m, $"the price should walk; it stayed within {lowestBid}..{highestBid}");
        Assert.Equal(5000, simulator.StepCount);
    }

    [Fact]
    public async Task Depth_IdsAreContiguousSomeMessagesMergeAndZerosAreSpelledVariously()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var depth = DataOf(await exchange.RecordAsync(500, s_50ms, "depth.SOL_USDC"), "depth.SOL_USDC");

        Assert.Equal(500, depth.Count);
        for (var i = 1; i < depth.Count; i++)
        {
            Assert.Equal(depth[i - 1].GetProperty("u").GetInt64() + 1, depth[i].GetProperty("U").GetInt64());
        }

        Assert.All(depth, d => Assert.True(d.GetProperty("U").GetInt64() <= d.GetProperty("u").GetInt64()));
        Assert.Contains(depth, d => d.GetProperty("U").GetInt64() < d.GetProperty("u").GetInt64());
        Assert.All(depth, d =>
        {
            Assert.Equal("depth", d.GetProperty("e").GetString());
            Assert.Equal("SOL_USDC", d.GetProperty("s").GetString());
            Assert.True(d.GetProperty("E").GetInt64() >= d.GetProperty("T").GetInt64());
        });
        var zeros = depth.SelectMany(d => d.GetProperty("a").EnumerateArray().Concat(d.GetProperty("b").EnumerateArray()))
            .Select(level => level[1].GetString()!)
            .Where(quantity => decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture) == 0)
            .ToHashSet();
        Assert.Equal(["0", "0.00", "0.00000"], zeros.Order());
        Assert.Equal((SimulatedExchange.Start + (s_50ms * 500)).ToUnixTimeMilliseconds() * 1000, depth[^1].GetProperty("T").GetInt64());
    }

    [Fact]
    public async Task Snapshot_ThenBufferedDiffs_EqualsGetBook()
    {
        await using var exchange = await SimulatedExchange.StartAsync();
        await using var socket = await exchange.ConnectAsync("depth.SOL_USDC");
        await exchange.StepAsync(20, s_50ms);

        var book = LocalBook.FromRest(await exchange.GetDepthAsync("SOL_USDC"));
        await exchange.StepAsync(50, s_50ms);
        var applied = DataOf(await exchange.DrainAsync(socket), "depth.SOL_USDC").Count(book.Apply);

        Assert.Equal(50, applied);
        book.AssertEqual(exchange.Simulator.GetBook("SOL_USDC"));
    }

    [Fact]
    public async Task SnapshotLag_ServesTheBookKUpdatesBehind_AndBufferedDiffsStillConverge()
    {
        await using var exchange = await SimulatedExchange.StartAsync(options => options.MergeProbability = 0);
        await using var socket = await exchange.ConnectAsync("depth.SOL_USDC");
        await exchange.StepAsync(20, s_50ms);
        exchange.Simulator.SnapshotLag = 5;

        var book = LocalBook.FromRest(await exchange.GetDepthAsync("SOL_USDC"));
        var current = exchange.Simulator.GetBook("SOL_USDC");
        var applied = DataOf(await exchange.DrainAsync(socket), "depth.SOL_USDC").Count(book.Apply);

        Assert.Equal(5, applied);
        book.AssertEqual(current);
    }

    [Fact]
    public async Task InjectGap_NextDiffSkipsAnId_OnRealTimeAndAggregatedStreams_AndRestRecovers()
    {
        await using var exchange = await SimulatedExchange.StartAsync();
        await using var socket = await exchange.ConnectAsync("depth.SOL_USDC", "depth.200ms.SOL_USDC", "depth.BTC_USDC");
        await exchange.StepAsync(10, s_50ms);

        exchange.Simulator.InjectGap("SOL_USDC");
        await exchange.StepAsync(10, s_50ms);
        var frames = await exchange.DrainAsync(socket);

        static List<long> Gaps(List<JsonElement> depth) =>
            [.. depth.Skip(1).Select((d, i) => d.GetProperty("U").GetInt64() - depth[i].GetProperty("u").GetInt64() - 1).Where(gap => gap != 0)];
        Assert.Equal([1L], Gaps(DataOf(frames, "depth.SOL_USDC")));
        Assert.Equal([1L], Gaps(DataOf(frames, "depth.200ms.SOL_USDC")));
        Assert.Empty(Gaps(DataOf(frames, "depth.BTC_USDC")));
        var book = LocalBook.FromRest(await exchange.GetDepthAsync("SOL_USDC"));
        book.AssertEqual(exchange.Simulator.GetBook("SOL_USDC"));
        Assert.Equal(DataOf(frames, "depth.SOL_USDC")[^1].GetProperty("u").GetInt64(), book.LastUpdateId);
    }

    [Fact]
    public async Task AggregatedDepth_MergesTheRealTimeUpdatesOfItsWindow()
    {
        await using var exchange = await SimulatedExchange.StartAsync();

        var frames = await exchange.RecordAsync(120, s_50ms, "depth.SOL_USDC", "depth.600ms.SOL_USDC");
        var realTime = DataOf(frames, "depth.SOL_USDC");
        var aggregated = DataOf(frames, "depth.600ms.SOL_USDC");

        Assert.InRange(aggregated.Count, 8, 11);
        for (var i = 0; i < aggregated.Count; i++)
        {
            var window = aggregated[i];
            var first = window.GetProperty("U").GetInt64();
            var last = window.GetProperty("u").GetInt64();
            if (i > 0)
            {
                Assert.Equal(aggregated[i - 1].GetProperty("u").GetInt64() + 1, first);
            }

            var merged = realTime.Where(d => d.GetProperty("U").GetInt64() >= first && d.GetProperty("u").GetInt64() <= last).ToList();
            Assert.Equal(first, merged[0].GetProperty("U").GetInt64());
            Assert.Equal(last, merged[^1].GetProperty("u").GetInt64());
            Assert.Equal(merged[^1].GetProperty("T").GetInt64(), window.GetProperty("T").GetInt64());
            foreach (var side in (string[])["a", "b"])
            {
                var expected = new Dictionary<decimal, decimal>();
                foreach (var (price, quantity) in merged.SelectMany(d => Frames.Levels(d.GetProperty(side))))
                {
                    expected[price] = quantity;
                }

                Assert.Equal(expected.OrderBy(l => l.Key), Frames.Levels(window.GetProperty(side)).Select(l => new KeyValuePair<decimal, decimal>(l.Price, l.Quantity)));
            }
        }
    }
}

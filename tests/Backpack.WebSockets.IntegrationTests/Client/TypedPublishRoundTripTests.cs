using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>
/// Every model published typed by the fake exchange and received typed by the real client equals the original: the
/// test server's writer and the client's parsers agree on every field, including the optional ones and the edge values.
/// </summary>
public sealed class TypedPublishRoundTripTests : IAsyncLifetime
{
    // The provider streams' market and tickers are not among the default symbols; unknown ones would get silence.
    private readonly BackpackTestServer _server = new(new BackpackTestServerOptions
    {
        ApiPublicKey = TestKeys.PublicKey,
        KnownSymbols = [.. BackpackTestServerOptions.DefaultKnownSymbols, "MU.US_USDC", "NVDA", "BRK.B"],
    });
    private BackpackStreamClient? _client;

    private BackpackStreamClient Client => _client ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        await _server.StartAsync();

        // A long error window: acceptance is confirmed by the first frame, which every test publishes.
        _client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = _server.WebSocketUri,
            RestEndpoint = _server.RestUri,
            ApiSecret = TestKeys.SecretSeed,
            SubscribeErrorWindow = TimeSpan.FromSeconds(30),
            ConnectTimeout = TestTimeouts.Hang,
        });
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Trade_RoundTrips()
    {
        Trade[] items =
        [
            new() { Symbol = "SOL_USDC", EventTime = WireTime.Micros(1790915531026313), EngineTime = WireTime.Micros(1790915531025001), Price = 186.420m, Quantity = 0.00001m, TradeId = 99419870, BuyerOrderId = 66605329178, SellerOrderId = 66605319496, IsBuyerMaker = true },
            new() { Symbol = "SOL_USDC", EventTime = WireTime.Micros(1790915531026999), EngineTime = WireTime.Micros(1790915531026998), Price = 186.41m, Quantity = 12m, TradeId = 99419871, BuyerOrderId = 1, SellerOrderId = long.MaxValue, IsBuyerMaker = false },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.Trades("SOL_USDC"), items));
    }

    [Fact]
    public async Task DepthUpdate_RoundTrips_IncludingEmptySidesAndZeroQuantities()
    {
        DepthUpdate[] items =
        [
            new() { Symbol = "SOL_USDC", EventTime = WireTime.Micros(1694687965941000), EngineTime = WireTime.Micros(1694687965940999), FirstUpdateId = 94978271, LastUpdateId = 94978271, Asks = [new(18.70m, 0.000m)], Bids = [new(18.67m, 0.832m), new(18.68m, 0m)] },
            new() { Symbol = "SOL_USDC", EventTime = WireTime.Micros(1694687965941500), EngineTime = WireTime.Micros(1694687965941400), FirstUpdateId = 94978272, LastUpdateId = 94978280, Asks = [], Bids = [] },
        ];

        var received = await RoundTripAsync(BackpackStreams.Depth("SOL_USDC", DepthInterval.Milliseconds600), items);

        Assert.Equal(items.Length, received.Length);
        for (var i = 0; i < items.Length; i++)
        {
            // Records compare lists by reference: compare the scalar fields and the levels separately.
            Assert.Equal(items[i], received[i] with { Bids = items[i].Bids, Asks = items[i].Asks });
            Assert.Equal(items[i].Bids, received[i].Bids);
            Assert.Equal(items[i].Asks, received[i].Asks);
        }
    }

    [Fact]
    public async Task BookTicker_RoundTrips()
    {
        BookTicker[] items = [new() { Symbol = "SOL_USDC", EventTime = WireTime.Micros(1788367430247487), EngineTime = WireTime.Micros(1788367430246081), BestBidPrice = 98.96m, BestBidQuantity = 288.77m, BestAskPrice = 98.97m, BestAskQuantity = 22.39m, UpdateId = 4330360995 }];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.BookTicker("SOL_USDC"), items));
    }

    [Fact]
    public async Task Ticker_RoundTrips()
    {
        Ticker[] items =
        [
            new() { Symbol = "SOL_USDC", EventTime = WireTime.Micros(1788367430549233), Open = 100.87m, Close = 98.98m, High = 101.19m, Low = 97.38m, BaseVolume = 15089.56m, QuoteVolume = 1498114.9234m, TradeCount = 6796 },
            new() { Symbol = "SOL_USDC", EventTime = WireTime.Micros(1788367431549233), Open = 100.87m, Close = 100.87m, High = 100.87m, Low = 100.87m, BaseVolume = null, QuoteVolume = 0m, TradeCount = 0 },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.Ticker("SOL_USDC"), items));
    }

    [Fact]
    public async Task Kline_RoundTrips_WithTheIntervalFromTheStreamAndNullPricesForAnEmptyCandle()
    {
        var start = new DateTimeOffset(2025, 8, 6, 22, 0, 0, TimeSpan.Zero);
        Kline[] items =
        [
            new() { Symbol = "ETH_USDC", Interval = KlineInterval.TwoHours, EventTime = WireTime.Micros(1754519557526056), StartTime = start, EndTime = start.AddHours(2), Open = 3670.15m, High = 3681.37m, Low = 3667.65m, Close = 3680.52m, Volume = 62.2621m, TradeCount = 255, IsClosed = false },
            new() { Symbol = "ETH_USDC", Interval = KlineInterval.TwoHours, EventTime = WireTime.Micros(1754526757526056), StartTime = start.AddHours(2), EndTime = start.AddHours(4), Volume = 0m, TradeCount = 0, IsClosed = true },

            // The live exchange's empty candle: all of o, h, l, c and v null (spec §6.5).
            new() { Symbol = "ETH_USDC", Interval = KlineInterval.TwoHours, EventTime = WireTime.Micros(1754533957526056), StartTime = start.AddHours(4), EndTime = start.AddHours(6), Volume = null, TradeCount = 0, IsClosed = true },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.Klines("ETH_USDC", KlineInterval.TwoHours), items));
    }

    [Fact]
    public async Task MarkPrice_RoundTrips_WithAndWithoutFunding()
    {
        MarkPrice[] items =
        [
            new() { Symbol = "BTC_USDC_PERP", EventTime = WireTime.Micros(1791043256641414), EngineTime = WireTime.Micros(1791043256640942), Price = 84827.2m, FundingRate = -0.0000125m, IndexPrice = 84856.2053036m, NextFundingTime = DateTimeOffset.FromUnixTimeMilliseconds(1791046800000) },
            new() { Symbol = "BTC_USDC_PERP", EventTime = WireTime.Micros(1791043257641414), EngineTime = WireTime.Micros(1791043257640942), Price = 84828m },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.MarkPrice("BTC_USDC_PERP"), items));
    }

    [Fact]
    public async Task OpenInterest_RoundTrips()
    {
        OpenInterest[] items = [new() { Symbol = "SOL_USDC_PERP", EventTime = WireTime.Micros(1694687965941000), Quantity = 100.5m }];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.OpenInterest("SOL_USDC_PERP"), items));
    }

    [Fact]
    public async Task Liquidation_RoundTrips()
    {
        Liquidation[] items =
        [
            new() { Symbol = "SOL_USDC", EventTime = WireTime.Micros(1694688638091000), EngineTime = WireTime.Micros(1694688638090567), Price = 18.70m, Quantity = 10m, Side = Side.Bid },
            new() { Symbol = "BTC_USDC_PERP", EventTime = WireTime.Micros(1694688638091001), EngineTime = WireTime.Micros(1694688638090568), Price = 84000m, Quantity = 0.5m, Side = Side.Ask },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.Liquidations(), items));
    }

    [Fact]
    public async Task OrderUpdate_RoundTrips_EveryOptionalFieldSetAndUnset()
    {
        OrderUpdate[] items =
        [
            new()
            {
                EventType = OrderEventType.OrderFill, Symbol = "SOL_USDC_PERP", EventTime = WireTime.Micros(1754939110175879), EngineTime = WireTime.Micros(1754939110174705),
                OrderId = 5406825793, ClientOrderId = 4294967295, Side = Side.Bid, OrderType = OrderType.Limit, TimeInForce = TimeInForce.ImmediateOrCancel,
                Quantity = 2m, QuoteQuantity = 372.8m, Price = 186.40m, TriggerPrice = 185m, TriggerBy = TriggerBy.MarkPrice,
                TakeProfitTriggerPrice = 200m, StopLossTriggerPrice = 170m, TakeProfitLimitPrice = 199.5m, StopLossLimitPrice = 169.5m,
                TakeProfitTriggerBy = TriggerBy.LastPrice, StopLossTriggerBy = TriggerBy.IndexPrice, TriggerQuantity = "80%", Status = OrderStatus.PartiallyFilled,
                TradeId = 2888471, FillQuantity = 0.5m, ExecutedQuantity = 1.5m, ExecutedQuoteQuantity = 279.6m, FillPrice = 186.40m, IsMaker = true,
                Fee = -0.0012m, FeeSymbol = "USDC", SelfTradePrevention = SelfTradePrevention.RejectBoth, Origin = OrderOrigin.BackstopLiquidityProvider,
                RelatedOrderId = 5406825792, StrategyId = 77, PostOnly = true, ReduceOnly = true,
            },
            new()
            {
                EventType = OrderEventType.OrderExpired, Symbol = "SOL_USDC", EventTime = WireTime.Micros(1754939110175999), EngineTime = WireTime.Micros(1754939110175998),
                OrderId = 5406825794, Side = Side.Ask, OrderType = OrderType.Market, TimeInForce = TimeInForce.FillOrKill, Status = OrderStatus.Expired,
                ExpiryReason = "PRICE_BAND", ExecutedQuantity = 0m, ExecutedQuoteQuantity = 0m, SelfTradePrevention = SelfTradePrevention.Allow,
                Origin = OrderOrigin.LiquidationAutoclose,
            },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.OrderUpdates(), items));
    }

    [Fact]
    public async Task PositionUpdate_RoundTrips_SnapshotAndEvents()
    {
        PositionUpdate[] items =
        [
            new() { EventType = PositionEventType.Snapshot, Symbol = "ETH_USDC_PERP", EventTime = WireTime.Micros(1754943862040486), EngineTime = WireTime.Micros(1754943862040487), PositionId = 5411399049, BreakEvenPrice = 4238.479m, EntryPrice = 4236.36m, InitialMarginFraction = 0.02m, MarkPrice = 4235.88650933m, MaintenanceMarginFraction = 0.0125m, NetQuantity = 0.0010m, NetExposureQuantity = 0.0010m, NetExposureNotional = 4.23588650933m, RealizedPnl = 0m, UnrealizedPnl = -0.000473m },
            new() { EventType = PositionEventType.PositionClosed, Symbol = "ETH_USDC_PERP", EventTime = WireTime.Micros(1754943862050486), EngineTime = WireTime.Micros(1754943862050487), PositionId = 5411399049, BreakEvenPrice = 4238.479m, EntryPrice = 4236.36m, InitialMarginFraction = 0.02m, MarkPrice = 4240m, MaintenanceMarginFraction = 0.0125m, NetQuantity = -0.5m, NetExposureQuantity = 0m, NetExposureNotional = 0m, RealizedPnl = 1.82m, UnrealizedPnl = 0m },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.PositionUpdates("ETH_USDC_PERP"), items));
    }

    [Fact]
    public async Task BalanceUpdate_RoundTrips()
    {
        BalanceUpdate[] items = [new() { Asset = "USDT", EventTime = WireTime.Micros(1788368290063168), EngineTime = WireTime.Micros(1788368290062981), Available = 10.5m, Locked = 20m, Staked = 0.000001m }];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.BalanceUpdates(), items));
    }

    [Fact]
    public async Task ExternalTicker_RoundTrips_EveryValueSetAndNull()
    {
        ExternalTicker[] items =
        [
            new() { Symbol = "MU.US_USDC", EventTime = WireTime.Micros(1790915531026313), Open = 109.75m, Close = 112.48m, High = 114.90m, Low = 108.02m, BaseVolume = 38311.20m, QuoteVolume = 4312877.1250m, TradeCount = 1234 },
            new() { Symbol = "MU.US_USDC" },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.ExternalTicker("MU.US_USDC"), items));
    }

    [Fact]
    public async Task StockPrice_RoundTrips_WithTheMillisecondTimestampAndTheTickerFromTheStream()
    {
        StockPrice[] items =
        [
            new() { Ticker = "BRK.B", Symbol = "BRK.B", Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1790915531026), Bid = 481.25m, Ask = 481.30m, Mid = 481.275m, Session = "regular" },
            new() { Ticker = "BRK.B", Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1790915532026) },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.StockPrice("BRK.B"), items));
    }

    [Fact]
    public async Task StockIndicativeQuote_RoundTrips_OpenAndClosed()
    {
        StockIndicativeQuote[] items =
        [
            new() { Ticker = "NVDA", EstimatedBid = 181.09m, EstimatedAsk = 181.4100m, Session = "regular" },
            new() { Ticker = "NVDA" },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.StockIndicativeQuote("NVDA"), items));
    }

    [Fact]
    public async Task RfqUpdate_RoundTrips_WithMillisecondDeadlinesAndIdsBeyondDoublePrecision()
    {
        RfqUpdate[] items =
        [
            new() { EventType = RfqEventType.RfqActive, Symbol = "SOL_USDC_RFQ", EventTime = WireTime.Micros(1730225420369829), EngineTime = WireTime.Micros(1730225420368765), RfqId = 113392053149171713, Quantity = 10m, SubmissionDeadline = DateTimeOffset.FromUnixTimeMilliseconds(1730225480368), Expiry = DateTimeOffset.FromUnixTimeMilliseconds(1730225540368), Status = RfqStatus.New },
            new() { EventType = RfqEventType.QuoteAccepted, Symbol = "SOL_USDC_RFQ", EventTime = WireTime.Micros(1730225420469829), EngineTime = WireTime.Micros(1730225420468765), RfqId = 113392053149171713, QuoteId = 113392053149171999, ClientId = "123", Side = Side.Ask, QuoteQuantity = 1864m, Price = 186.4m, Status = RfqStatus.Filled, SystemOrderType = "CollateralConversion" },
        ];

        Assert.Equal(items, await RoundTripAsync(BackpackStreams.RfqUpdates(), items));
    }

    /// <summary>Subscribes the real client, publishes <paramref name="items"/> typed, and reads back as many items.</summary>
    private async Task<T[]> RoundTripAsync<T>(BackpackStream<T> stream, T[] items)
    {
        var pending = Client.SubscribeAsync(stream);
        await _server.WaitForSubscriptionAsync(stream.Name).OrTimeout();
        foreach (var item in items)
        {
            Assert.Equal(1, await _server.PublishAsync(stream, item).OrTimeout());
        }

        await using var subscription = await pending.OrTimeout();
        await using var reader = subscription.GetAsyncEnumerator();
        var received = new T[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
            received[i] = reader.Current;
        }

        Assert.Equal(0, Client.ParseFailureCount);
        return received;
    }
}

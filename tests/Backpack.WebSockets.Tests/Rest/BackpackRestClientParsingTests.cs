using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Tests.Rest;

/// <summary>The live and documented bodies of spec §9.5.2 parse to the values they hold; unknown keys and nulls are harmless.</summary>
public sealed class BackpackRestClientParsingTests
{
    /// <summary>The complete live element of <c>/api/v1/orders</c> (BBGO-REST).</summary>
    private const string LiveOpenOrder = """{"clientId":null,"createdAt":1788285244094,"executedQuantity":"0","executedQuoteQuantity":"0","id":"59669287267","orderType":"Limit","postOnly":true,"price":"1.0077","quantity":"20","reduceOnly":null,"relatedOrderId":null,"selfTradePrevention":"RejectTaker","side":"Ask","status":"New","stopLossLimitPrice":null,"stopLossTriggerBy":null,"stopLossTriggerPrice":null,"strategyId":null,"symbol":"USDT_USDC","takeProfitLimitPrice":null,"takeProfitTriggerBy":null,"takeProfitTriggerPrice":null,"timeInForce":"GTC","triggerBy":null,"triggerPrice":null,"triggerQuantity":null,"triggeredAt":null}""";

    [Fact]
    public async Task GetOpenOrdersAsync_LiveElement_ParsesEveryField()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson($"[{LiveOpenOrder}]");

        var order = Assert.Single(await harness.Client.GetOpenOrdersAsync());

        Assert.Equal("59669287267", order.Id);
        Assert.Null(order.ClientId);
        Assert.Equal("USDT_USDC", order.Symbol);
        Assert.Equal(Side.Ask, order.Side);
        Assert.Equal(OrderType.Limit, order.OrderType);
        Assert.Equal(OrderStatus.New, order.Status);
        Assert.Equal(TimeInForce.GoodTillCancelled, order.TimeInForce);
        Assert.Equal(SelfTradePrevention.RejectTaker, order.SelfTradePrevention);
        Assert.Equal(1.0077m, order.Price);
        Assert.Equal(20m, order.Quantity);
        Assert.Equal(0m, order.ExecutedQuantity);
        Assert.True(order.PostOnly);
        Assert.Null(order.ReduceOnly);
        Assert.Null(order.TriggerBy);
        Assert.Null(order.TriggeredAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1788285244094), order.CreatedAt);
    }

    [Fact]
    public async Task GetOrderHistoryAsync_LiveElement_ReadsNaiveCreatedAtAsTheSameInstant()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""[{"clientId":null,"createdAt":"2026-09-01T17:54:04.094","executedQuantity":"0","executedQuoteQuantity":"0","expiryReason":null,"id":"59669287267","orderType":"Limit","postOnly":true,"price":"1.0077","quantity":"20","quoteQuantity":"20.154","selfTradePrevention":"RejectTaker","side":"Ask","status":"Cancelled","symbol":"USDT_USDC","timeInForce":"GTC","slippageTolerance":null,"slippageToleranceType":null,"systemOrderType":null}]""");

        var orders = await SubscriptionReads.ToListAsync(harness.Client.GetOrderHistoryAsync());

        var order = Assert.Single(orders);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(20.154m, order.QuoteQuantity);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1788285244094), order.CreatedAt);
        Assert.Equal(TimeSpan.Zero, order.CreatedAt.Offset);
    }

    [Fact]
    public async Task GetFillsAsync_Idx6Row_ParsesNaiveUtcTimestampAndStringClientId()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""[{"tradeId":35412870,"orderId":"15106947971","symbol":"BTC_USDC_PERP","side":"Ask","price":"111409.6","quantity":"0.00804","fee":"0.232891","feeSymbol":"USDC","timestamp":"2025-10-24T13:05:14.548","isMaker":false,"clientId":"7","systemOrderType":null}]""");

        var fill = Assert.Single(await SubscriptionReads.ToListAsync(harness.Client.GetFillsAsync()));

        Assert.Equal(35412870, fill.TradeId);
        Assert.Equal("15106947971", fill.OrderId);
        Assert.Equal("7", fill.ClientId);
        Assert.Equal(Side.Ask, fill.Side);
        Assert.Equal(111409.6m, fill.Price);
        Assert.Equal(0.00804m, fill.Quantity);
        Assert.Equal(0.232891m, fill.Fee);
        Assert.Equal("USDC", fill.FeeSymbol);
        Assert.False(fill.IsMaker);
        Assert.Equal(new DateTimeOffset(2025, 10, 24, 13, 5, 14, 548, TimeSpan.Zero), fill.Timestamp);
    }

    [Fact]
    public async Task GetBalancesAsync_LiveBody_ParsesByAsset()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"USDT":{"available":"30","locked":"0","staked":"0"},"SOL":{"available":"1.50","locked":"0.25","staked":null,"future":"x"}}""");

        var balances = await harness.Client.GetBalancesAsync();

        Assert.Equal(new AssetBalance { Asset = "USDT", Available = 30m }, balances["USDT"]);
        Assert.Equal(new AssetBalance { Asset = "SOL", Available = 1.50m, Locked = 0.25m }, balances["SOL"]);
    }

    [Fact]
    public async Task GetCollateralAsync_LiveBody_ParsesSummaryAndAssets()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"assetsValue":"28.49145","borrowLiability":"0","collateral":[{"assetMarkPrice":"0.9997","availableQuantity":"30","balanceNotional":"29.991","collateralValue":"28.49145","collateralWeight":"0.95","lendQuantity":"0","openOrderQuantity":"0","symbol":"USDT","totalQuantity":"30"}],"imf":"1","marginFraction":null,"mmf":"0.007","netEquity":"28.49145","netEquityAvailable":"28.49145","netEquityLocked":"0","netExposureFutures":"0","pnlUnrealized":"0","unsettledEquity":"0","liabilitiesValue":"0","newField":{"a":[1,2]}}""");

        var summary = await harness.Client.GetCollateralAsync();

        Assert.Equal(28.49145m, summary.AssetsValue);
        Assert.Null(summary.MarginFraction);
        Assert.Equal(0.007m, summary.Mmf);
        var asset = Assert.Single(summary.Collateral);
        Assert.Equal("USDT", asset.Symbol);
        Assert.Equal(0.95m, asset.CollateralWeight);
        Assert.Equal(30m, asset.AvailableQuantity);
    }

    [Fact]
    public async Task GetOpenPositionsAsync_DocumentedFields_Parse()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""[{"breakEvenPrice":"4238.479","entryPrice":"4236.36","estLiquidationPrice":"0","imf":"0.02","imfFunction":{"type":"sqrt","base":"0.02","factor":"0.0001"},"markPrice":"4235.88","mmf":"0.0125","mmfFunction":null,"netCost":"4.23636","netQuantity":"-0.0010","netExposureQuantity":"0.0010","netExposureNotional":"4.23588","pnlRealized":"0","pnlUnrealized":"-0.000473","cumulativeFundingPayment":"0","subaccountId":null,"symbol":"ETH_USDC_PERP","userId":4294967296,"positionId":"5411399049"}]""");

        var position = Assert.Single(await harness.Client.GetOpenPositionsAsync());

        Assert.Equal("ETH_USDC_PERP", position.Symbol);
        Assert.Equal("5411399049", position.PositionId);
        Assert.Equal(-0.0010m, position.NetQuantity);
        Assert.Equal(4236.36m, position.EntryPrice);
        Assert.Null(position.CumulativeInterest);
        Assert.Null(position.SubaccountId);
        Assert.Equal(4294967296L, position.UserId);
    }

    [Fact]
    public async Task GetMarketsAsync_ParsesFiltersAndState()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""[{"symbol":"SOL_USDC","baseSymbol":"SOL","quoteSymbol":"USDC","marketType":"SPOT","filters":{"price":{"minPrice":"0.01","maxPrice":null,"tickSize":"0.01"},"quantity":{"minQuantity":"0.01","maxQuantity":null,"stepSize":"0.01"},"leverage":null},"orderBookState":"Open","createdAt":"2025-01-01T00:00:00","visible":true},{"symbol":"TON_USDC_PERP","orderBookState":"Closed","filters":null},{"symbol":"X_USDC","orderBookState":"SomethingNew"}]""");

        var markets = await harness.Client.GetMarketsAsync();

        Assert.Equal(3, markets.Count);
        Assert.Equal(0.01m, markets[0].TickSize);
        Assert.Equal(0.01m, markets[0].StepSize);
        Assert.Null(markets[0].MaxPrice);
        Assert.Equal(MarketOrderBookState.Open, markets[0].OrderBookState);
        Assert.Equal(MarketOrderBookState.Closed, markets[1].OrderBookState);
        Assert.Equal(MarketOrderBookState.Unknown, markets[2].OrderBookState);
    }

    [Fact]
    public async Task GetDepthAsync_LiveShape_ParsesLevelsIdAndMicrosecondTimestamp()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""{"asks":[["86781.5","5.54115"],["86783.3","1.22656"]],"bids":[["86779.8","0.00115"],["86781.4","2.20229"]],"lastUpdateId":"6904864764","timestamp":1790915412979224}""");

        var depth = await harness.Client.GetDepthAsync("BTC_USDC_PERP", 5);

        Assert.Equal(6904864764, depth.LastUpdateId);
        Assert.Equal(new PriceLevel(86781.4m, 2.20229m), depth.Bids[^1]);
        Assert.Equal(new PriceLevel(86781.5m, 5.54115m), depth.Asks[0]);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1790915412979224 * TimeSpan.TicksPerMicrosecond), depth.Timestamp);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"soon\"")]
    [InlineData("{\"us\":1}")]
    [InlineData("99999999999999999999")]
    public async Task GetDepthAsync_UnreadableTimestamp_IsNullNotAFailure(string timestamp)
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson($$"""{"asks":[],"bids":[["1","2"]],"lastUpdateId":7,"timestamp":{{timestamp}}}""");

        var depth = await harness.Client.GetDepthAsync("SOL_USDC", 5);

        Assert.Null(depth.Timestamp);
        Assert.Equal(7, depth.LastUpdateId);
        Assert.Single(depth.Bids);
    }

    [Fact]
    public async Task GetServerTimeAsync_PlainTextMilliseconds_Parses()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenText("1753131712992", System.Net.HttpStatusCode.OK);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1753131712992), await harness.Client.GetServerTimeAsync());
    }

    [Fact]
    public async Task MalformedBody_IsProtocolViolationAndNotRetried()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson("""[{"id":"1"}]""");

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => harness.Client.GetOpenOrdersAsync());

        Assert.Equal(BackpackStreamErrorCode.ProtocolViolation, ex.ErrorCode);
        Assert.Contains("symbol", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Single(harness.Handler.Requests);
    }
}

using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Server;

public sealed partial class BackpackTestServerTests
{
    // Live frames from the spec (§6, §7), rebuilt from typed models: the typed publisher must write them byte for byte.
    public static TheoryData<string, Func<BackpackTestServer, Task<int>>, string> LiveFrames() => new()
    {
        {
            "trade.BTC_USDC_PERP",
            server => server.PublishAsync(BackpackStreams.Trades("BTC_USDC_PERP"), new Trade
            {
                Symbol = "BTC_USDC_PERP", EventTime = WireTime.Micros(1790915531026313), EngineTime = WireTime.Micros(1790915531025000), Price = 86642.9m,
                Quantity = 0.07206m, TradeId = 99419870, BuyerOrderId = 66605329178, SellerOrderId = 66605319496, IsBuyerMaker = false,
            }),
            """{"data":{"E":1790915531026313,"T":1790915531025000,"a":"66605319496","b":"66605329178","e":"trade","m":false,"p":"86642.9","q":"0.07206","s":"BTC_USDC_PERP","t":99419870},"stream":"trade.BTC_USDC_PERP"}"""
        },
        {
            "bookTicker.SOL_USDC",
            server => server.PublishAsync(BackpackStreams.BookTicker("SOL_USDC"), new BookTicker
            {
                Symbol = "SOL_USDC", EventTime = WireTime.Micros(1788367430247487), EngineTime = WireTime.Micros(1788367430246081), BestBidPrice = 98.96m,
                BestBidQuantity = 288.77m, BestAskPrice = 98.97m, BestAskQuantity = 22.39m, UpdateId = 4330360995,
            }),
            """{"data":{"A":"22.39","B":"288.77","E":1788367430247487,"T":1788367430246081,"a":"98.97","b":"98.96","e":"bookTicker","s":"SOL_USDC","u":4330360995},"stream":"bookTicker.SOL_USDC"}"""
        },
        {
            "depth.200ms.SOL_USDC",
            server => server.PublishAsync(BackpackStreams.Depth("SOL_USDC", DepthInterval.Milliseconds200), new DepthUpdate
            {
                Symbol = "SOL_USDC", EventTime = WireTime.Micros(1736257764052341), EngineTime = WireTime.Micros(1736257764022406), FirstUpdateId = 1803724440,
                LastUpdateId = 1803724442, Asks = [new(214.50m, 0.13m)], Bids = [new(214.07m, 21.41m)],
            }),
            """{"data":{"E":1736257764052341,"T":1736257764022406,"U":1803724440,"a":[["214.50","0.13"]],"b":[["214.07","21.41"]],"e":"depth","s":"SOL_USDC","u":1803724442},"stream":"depth.200ms.SOL_USDC"}"""
        },
        {
            "ticker.SOL_USDC",
            server => server.PublishAsync(BackpackStreams.Ticker("SOL_USDC"), new Ticker
            {
                Symbol = "SOL_USDC", EventTime = WireTime.Micros(1788367430549233), Open = 100.87m, Close = 98.98m, High = 101.19m, Low = 97.38m,
                BaseVolume = 15089.56m, QuoteVolume = 1498114.9234m, TradeCount = 6796,
            }),
            """{"data":{"E":1788367430549233,"V":"1498114.9234","c":"98.98","e":"ticker","h":"101.19","l":"97.38","n":6796,"o":"100.87","s":"SOL_USDC","v":"15089.56"},"stream":"ticker.SOL_USDC"}"""
        },
        {
            "kline.2h.ETH_USDC",
            server => server.PublishAsync(BackpackStreams.Klines("ETH_USDC", KlineInterval.TwoHours), new Kline
            {
                Symbol = "ETH_USDC", Interval = KlineInterval.TwoHours, EventTime = WireTime.Micros(1754519557526056),
                StartTime = new(2025, 8, 6, 22, 0, 0, TimeSpan.Zero), EndTime = new(2025, 8, 7, 0, 0, 0, TimeSpan.Zero),
                Open = 3670.150000000m, High = 3681.370000000m, Low = 3667.650000000m, Close = 3680.520000000m, Volume = 62.2621000m,
                TradeCount = 255, IsClosed = false,
            }),
            """{"data":{"E":1754519557526056,"T":"2025-08-07T00:00:00","X":false,"c":"3680.520000000","e":"kline","h":"3681.370000000","l":"3667.650000000","n":255,"o":"3670.150000000","s":"ETH_USDC","t":"2025-08-06T22:00:00","v":"62.2621000"},"stream":"kline.2h.ETH_USDC"}"""
        },
        {
            "markPrice.BTC_USDC_PERP",
            server => server.PublishAsync(BackpackStreams.MarkPrice("BTC_USDC_PERP"), new MarkPrice
            {
                Symbol = "BTC_USDC_PERP", EventTime = WireTime.Micros(1791043256641414), EngineTime = WireTime.Micros(1791043256640942), Price = 84827.2m,
                FundingRate = 0.0000125m, IndexPrice = 84856.2053036m, NextFundingTime = DateTimeOffset.FromUnixTimeMilliseconds(1791046800000),
            }),
            """{"data":{"E":1791043256641414,"T":1791043256640942,"e":"markPrice","f":"0.0000125","i":"84856.2053036","n":1791046800000,"p":"84827.2","s":"BTC_USDC_PERP"},"stream":"markPrice.BTC_USDC_PERP"}"""
        },
        {
            "account.orderUpdate",
            server => server.PublishAsync(BackpackStreams.OrderUpdates(), new OrderUpdate
            {
                EventType = OrderEventType.OrderAccepted, Symbol = "USDT_USDC", EventTime = WireTime.Micros(1788368290063153), EngineTime = WireTime.Micros(1788368290062979),
                OrderId = 59887375336, Side = Side.Ask, OrderType = OrderType.Limit, TimeInForce = TimeInForce.GoodTillCancelled, Quantity = 20m,
                QuoteQuantity = 20.1520m, Price = 1.0076m, Status = OrderStatus.New, ExecutedQuantity = 0m, ExecutedQuoteQuantity = 0m,
                SelfTradePrevention = SelfTradePrevention.RejectTaker, Origin = OrderOrigin.User, PostOnly = true, ReduceOnly = false,
            }),
            """{"data":{"E":1788368290063153,"O":"USER","Q":"20.1520","S":"Ask","T":1788368290062979,"V":"RejectTaker","X":"New","Z":"0","e":"orderAccepted","f":"GTC","i":"59887375336","o":"LIMIT","p":"1.0076","q":"20","r":false,"s":"USDT_USDC","t":null,"y":true,"z":"0"},"stream":"account.orderUpdate"}"""
        },
        {
            "account.orderUpdate.ETH_USDC",
            server => server.PublishAsync(BackpackStreams.OrderUpdates("ETH_USDC"), new OrderUpdate
            {
                EventType = OrderEventType.OrderFill, Symbol = "ETH_USDC", EventTime = WireTime.Micros(1754939110175879), EngineTime = WireTime.Micros(1754939110174705),
                OrderId = 5406825793, Side = Side.Bid, OrderType = OrderType.Market, TimeInForce = TimeInForce.GoodTillCancelled, Quantity = 0.0010m,
                QuoteQuantity = 4.30m, Status = OrderStatus.Filled, TradeId = 2888471, FillQuantity = 0.0010m, ExecutedQuantity = 0.0010m,
                ExecutedQuoteQuantity = 4.299160m, FillPrice = 4299.16m, IsMaker = false, Fee = 0.000001m, FeeSymbol = "ETH",
                SelfTradePrevention = SelfTradePrevention.RejectTaker, Origin = OrderOrigin.User, ReduceOnly = false,
            }),
            """{"data":{"E":1754939110175879,"L":"4299.16","N":"ETH","O":"USER","Q":"4.30","S":"Bid","T":1754939110174705,"V":"RejectTaker","X":"Filled","Z":"4.299160","e":"orderFill","f":"GTC","i":"5406825793","l":"0.0010","m":false,"n":"0.000001","o":"MARKET","q":"0.0010","r":false,"s":"ETH_USDC","t":2888471,"z":"0.0010"},"stream":"account.orderUpdate.ETH_USDC"}"""
        },
        {
            "account.positionUpdate",
            server => server.PublishAsync(BackpackStreams.PositionUpdates(), new PositionUpdate
            {
                EventType = PositionEventType.PositionOpened, Symbol = "ETH_USDC_PERP", EventTime = WireTime.Micros(1754943862040486), EngineTime = WireTime.Micros(1754943862040487),
                PositionId = 5411399049, BreakEvenPrice = 4238.479m, EntryPrice = 4236.36m, InitialMarginFraction = 0.02m, MarkPrice = 4235.88650933m,
                MaintenanceMarginFraction = 0.0125m, NetQuantity = 0.0010m, NetExposureQuantity = 0.0010m, NetExposureNotional = 4.23588650933m,
                RealizedPnl = 0m, UnrealizedPnl = -0.000473m,
            }),
            """{"data":{"B":"4236.36","E":1754943862040486,"M":"4235.88650933","P":"-0.000473","Q":"0.0010","T":1754943862040487,"b":"4238.479","e":"positionOpened","f":"0.02","i":5411399049,"l":"0","m":"0.0125","n":"4.23588650933","p":"0","q":"0.0010","s":"ETH_USDC_PERP"},"stream":"account.positionUpdate"}"""
        },
        {
            "account.balanceUpdate",
            server => server.PublishAsync(BackpackStreams.BalanceUpdates(), new BalanceUpdate
            {
                Asset = "USDT", EventTime = WireTime.Micros(1788368290063168), EngineTime = WireTime.Micros(1788368290062981), Available = 10m, Locked = 20m, Staked = 0m,
            }),
            """{"data":{"A":"10","E":1788368290063168,"L":"20","S":"0","T":1788368290062981,"a":"USDT","e":"balanceUpdate"},"stream":"account.balanceUpdate"}"""
        },
        {
            "account.rfqUpdate",
            server => server.PublishAsync(BackpackStreams.RfqUpdates(), new RfqUpdate
            {
                EventType = RfqEventType.RfqActive, Symbol = "SOL_USDC_RFQ", EventTime = WireTime.Micros(1730225420369829), EngineTime = WireTime.Micros(1730225420368765),
                RfqId = 113392053149171712, Quantity = 10m, SubmissionDeadline = DateTimeOffset.FromUnixTimeMilliseconds(1730225480368),
                Expiry = DateTimeOffset.FromUnixTimeMilliseconds(1730225540368), Status = RfqStatus.New,
            }),
            // The spec's DOCS example, keys in the server's order.
            """{"data":{"E":1730225420369829,"R":113392053149171712,"T":1730225420368765,"W":1730225540368,"X":"New","e":"rfqActive","q":"10","s":"SOL_USDC_RFQ","w":1730225480368},"stream":"account.rfqUpdate"}"""
        },
        {
            "kline.1m.SOL_USDC",
            // The live capture's empty candle (spec §6.5): all five values null, written as null, not left out.
            server => server.PublishAsync(BackpackStreams.Klines("SOL_USDC", KlineInterval.OneMinute), new Kline
            {
                Symbol = "SOL_USDC", Interval = KlineInterval.OneMinute, EventTime = WireTime.Micros(1788368460000512),
                StartTime = new(2026, 9, 2, 17, 40, 0, TimeSpan.Zero), EndTime = new(2026, 9, 2, 17, 41, 0, TimeSpan.Zero), TradeCount = 0, IsClosed = true,
            }),
            """{"data":{"E":1788368460000512,"T":"2026-09-02T17:41:00","X":true,"c":null,"e":"kline","h":null,"l":null,"n":0,"o":null,"s":"SOL_USDC","t":"2026-09-02T17:40:00","v":null},"stream":"kline.1m.SOL_USDC"}"""
        },
        {
            "externalTicker.SOL_USDC",
            server => server.PublishAsync(BackpackStreams.ExternalTicker("SOL_USDC"), new ExternalTicker
            {
                Symbol = "SOL_USDC", EventTime = WireTime.Micros(1790915531026313), Open = 109.75m, Close = 112.48m, High = 114.90m, Low = 108.02m,
                BaseVolume = null, QuoteVolume = 4312877.1250m,
            }),
            """{"data":{"E":1790915531026313,"V":"4312877.1250","c":"112.48","e":"externalTicker","h":"114.90","l":"108.02","o":"109.75","s":"SOL_USDC","v":null},"stream":"externalTicker.SOL_USDC"}"""
        },
        {
            "stockPrice.NVDA",
            server => server.PublishAsync(BackpackStreams.StockPrice("NVDA"), new StockPrice
            {
                Ticker = "NVDA", Symbol = "NVDA", Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1790915531026), Mid = 181.26m,
            }),
            """{"data":{"ask":null,"bid":null,"mid":"181.26","session":null,"symbol":"NVDA","timestamp":1790915531026},"stream":"stockPrice.NVDA"}"""
        },
        {
            "stockIndicativeQuote.NVDA",
            server => server.PublishAsync(BackpackStreams.StockIndicativeQuote("NVDA"), new StockIndicativeQuote
            {
                Ticker = "NVDA", EstimatedBid = 181.0900m, EstimatedAsk = 181.4100m, Session = "regular",
            }),
            """{"data":{"estimatedAsk":"181.4100","estimatedBid":"181.0900","session":"regular"},"stream":"stockIndicativeQuote.NVDA"}"""
        },
    };

    [Theory]
    [MemberData(nameof(LiveFrames))]
    public async Task PublishTyped_WritesTheLiveWireFormat(string stream, Func<BackpackTestServer, Task<int>> publish, string expected)
    {
        await using var server = await StartServerAsync(options => options.KnownSymbols.Add("NVDA"));
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await SubscribeAsync(socket, stream);

        await server.WaitForSubscriptionAsync(stream).OrTimeout();

        Assert.Equal(1, await publish(server).OrTimeout());
        Assert.Equal(expected, await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task PublishTyped_PositionSnapshot_HasNoEventType()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(NowMs, 5000), "account.positionUpdate");
        await server.WaitForSubscriptionAsync("account.positionUpdate").OrTimeout();

        await server.PublishAsync(BackpackStreams.PositionUpdates(), new PositionUpdate { EventType = PositionEventType.Snapshot, Symbol = "SOL_USDC_PERP" }).OrTimeout();

        var data = (await socket.ReceiveJsonAsync()).GetProperty("data");
        Assert.False(data.TryGetProperty("e", out _));
        Assert.Equal("SOL_USDC_PERP", data.GetProperty("s").GetString());
    }

    [Fact]
    public async Task PublishTyped_UnknownEnumValue_ThrowsArgumentException_AndSendsNothing()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await socket.SubscribeAsync("liquidation");
        await server.WaitForSubscriptionAsync("liquidation").OrTimeout();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => server.PublishAsync(BackpackStreams.Liquidations(), new Liquidation { Symbol = "SOL_USDC", Side = Side.Unknown }));
        Assert.Equal("item", error.ParamName);

        // The next frame is the valid one: the failed publish wrote nothing.
        await server.PublishAsync(BackpackStreams.Liquidations(), new Liquidation { Symbol = "SOL_USDC", Side = Side.Bid, Price = 18.70m, Quantity = 10m }).OrTimeout();
        Assert.Equal("Bid", (await socket.ReceiveJsonAsync()).GetProperty("data").GetProperty("S").GetString());
    }
}

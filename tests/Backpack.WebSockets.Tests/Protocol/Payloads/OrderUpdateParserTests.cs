using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class OrderUpdateParserTests
{
    private static readonly OrderUpdate s_accepted = new()
    {
        EventType = OrderEventType.OrderAccepted,
        Symbol = "USDT_USDC",
        EventTime = Us(1788368290063153),
        EngineTime = Us(1788368290062979),
        OrderId = 59887375336,
        Side = Side.Ask,
        OrderType = OrderType.Limit,
        TimeInForce = TimeInForce.GoodTillCancelled,
        Quantity = 20m,
        QuoteQuantity = 20.1520m,
        Price = 1.0076m,
        Status = OrderStatus.New,
        ExecutedQuantity = 0m,
        ExecutedQuoteQuantity = 0m,
        SelfTradePrevention = SelfTradePrevention.RejectTaker,
        Origin = OrderOrigin.User,
        PostOnly = true,
        ReduceOnly = false,
    };

    private static readonly OrderUpdate s_fill = new()
    {
        EventType = OrderEventType.OrderFill,
        Symbol = "ETH_USDC",
        EventTime = Us(1754939110175879),
        EngineTime = Us(1754939110174705),
        OrderId = 5406825793,
        Side = Side.Bid,
        OrderType = OrderType.Market,
        TimeInForce = TimeInForce.GoodTillCancelled,
        Quantity = 0.0010m,
        QuoteQuantity = 4.30m,
        Status = OrderStatus.Filled,
        TradeId = 2888471,
        FillQuantity = 0.0010m,
        ExecutedQuantity = 0.0010m,
        ExecutedQuoteQuantity = 4.299160m,
        FillPrice = 4299.16m,
        IsMaker = false,
        Fee = 0.000001m,
        FeeSymbol = "ETH",
        SelfTradePrevention = SelfTradePrevention.RejectTaker,
        Origin = OrderOrigin.User,
        ReduceOnly = false,
    };

    [Fact]
    public void Parse_LiveAcceptedFrame_EveryField()
    {
        var update = OrderUpdateParser.Parse(DataOf(OrderAcceptedFrame));

        Assert.Equal(s_accepted, update);
        Assert.Equal("20.1520", Text(update.QuoteQuantity));
    }

    [Fact]
    public void Parse_FillFrame_EveryField()
    {
        var update = OrderUpdateParser.Parse(DataOf(OrderFillFrame));

        Assert.Equal(s_fill, update);
        Assert.Equal("0.0010", Text(update.FillQuantity));
        Assert.Equal("4.299160", Text(update.ExecutedQuoteQuantity));
    }

    [Fact]
    public void Parse_TradeIdNullOrAbsent_Null()
    {
        Assert.Null(OrderUpdateParser.Parse(DataOf(OrderAcceptedFrame)).TradeId);
        Assert.Equal(s_accepted, OrderUpdateParser.Parse(WithField(OrderAcceptedFrame, "t", null)));
    }

    [Fact]
    public void Parse_TradeIdAsString_Parsed()
    {
        Assert.Equal(2888471, OrderUpdateParser.Parse(WithField(OrderFillFrame, "t", "\"2888471\"")).TradeId);
    }

    [Fact]
    public void Parse_OrderIdAsNumber_Parsed()
    {
        Assert.Equal(s_fill, OrderUpdateParser.Parse(WithField(OrderFillFrame, "i", "5406825793")));
    }

    [Fact]
    public void Parse_TriggerOrderWithTakeProfitAndStopLoss_EveryOptionalField()
    {
        var data = EditData(OrderAcceptedFrame, p => p
            .Where(kv => kv.Key != "e")
            .Append(new("e", "\"triggerPlaced\""))
            .Append(new("c", "4294967295"))
            .Append(new("P", "\"1.0100\""))
            .Append(new("B", "\"MarkPrice\""))
            .Append(new("a", "\"1.0200\""))
            .Append(new("b", "\"0.9900\""))
            .Append(new("j", "\"1.0210\""))
            .Append(new("k", "\"0.9890\""))
            .Append(new("d", "\"LastPrice\""))
            .Append(new("g", "\"IndexPrice\""))
            .Append(new("Y", "\"80%\""))
            .Append(new("I", "\"59887375337\""))
            .Append(new("H", "1234")));

        var update = OrderUpdateParser.Parse(data);

        Assert.Equal(
            s_accepted with
            {
                EventType = OrderEventType.TriggerPlaced,
                ClientOrderId = 4294967295,
                TriggerPrice = 1.0100m,
                TriggerBy = TriggerBy.MarkPrice,
                TakeProfitTriggerPrice = 1.0200m,
                StopLossTriggerPrice = 0.9900m,
                TakeProfitLimitPrice = 1.0210m,
                StopLossLimitPrice = 0.9890m,
                TakeProfitTriggerBy = TriggerBy.LastPrice,
                StopLossTriggerBy = TriggerBy.IndexPrice,
                TriggerQuantity = "80%",
                RelatedOrderId = 59887375337,
                StrategyId = 1234,
            },
            update);
    }

    [Theory]
    [InlineData("\"20.03\"", "20.03")]
    [InlineData("\"80%\"", "80%")]
    [InlineData("null", null)]
    public void Parse_TriggerQuantity_KeptVerbatim(string raw, string? expected)
    {
        Assert.Equal(expected, OrderUpdateParser.Parse(WithField(OrderAcceptedFrame, "Y", raw)).TriggerQuantity);
    }

    [Theory]
    [InlineData("\"59887375337\"")]
    [InlineData("59887375337")]
    public void Parse_RelatedOrderIdStringOrNumber_Parsed(string raw)
    {
        Assert.Equal(59887375337, OrderUpdateParser.Parse(WithField(OrderAcceptedFrame, "I", raw)).RelatedOrderId);
    }

    [Fact]
    public void Parse_ExpiredWithReason_ReasonVerbatim()
    {
        var data = EditData(OrderAcceptedFrame, p => p.Select(kv => kv.Key switch
        {
            "e" => new(kv.Key, "\"orderExpired\""),
            "X" => new(kv.Key, "\"Expired\""),
            _ => kv,
        }).Append(new("R", "\"PRICE_BAND\"")));

        var update = OrderUpdateParser.Parse(data);

        Assert.Equal(s_accepted with { EventType = OrderEventType.OrderExpired, Status = OrderStatus.Expired, ExpiryReason = "PRICE_BAND" }, update);
    }

    [Fact]
    public void Parse_NegativeFeeRebate_Negative()
    {
        Assert.Equal(-0.000002m, OrderUpdateParser.Parse(WithField(OrderFillFrame, "n", "\"-0.000002\"")).Fee);
    }

    [Fact]
    public void Parse_WithoutEventType_Unknown()
    {
        Assert.Equal(s_fill with { EventType = OrderEventType.Unknown }, OrderUpdateParser.Parse(WithField(OrderFillFrame, "e", null)));
    }

    [Theory]
    [InlineData("orderAccepted", OrderEventType.OrderAccepted)]
    [InlineData("orderCancelled", OrderEventType.OrderCancelled)]
    [InlineData("orderExpired", OrderEventType.OrderExpired)]
    [InlineData("orderFill", OrderEventType.OrderFill)]
    [InlineData("orderModified", OrderEventType.OrderModified)]
    [InlineData("triggerPlaced", OrderEventType.TriggerPlaced)]
    [InlineData("triggerFailed", OrderEventType.TriggerFailed)]
    [InlineData("orderTeleported", OrderEventType.Unknown)]
    public void Parse_EventType_Mapped(string wire, OrderEventType expected)
    {
        Assert.Equal(expected, OrderUpdateParser.Parse(WithField(OrderFillFrame, "e", $"\"{wire}\"")).EventType);
    }

    [Theory]
    [InlineData("New", OrderStatus.New)]
    [InlineData("PartiallyFilled", OrderStatus.PartiallyFilled)]
    [InlineData("Filled", OrderStatus.Filled)]
    [InlineData("Cancelled", OrderStatus.Cancelled)]
    [InlineData("Expired", OrderStatus.Expired)]
    [InlineData("TriggerPending", OrderStatus.TriggerPending)]
    [InlineData("TriggerFailed", OrderStatus.TriggerFailed)]
    [InlineData("Rejected", OrderStatus.Unknown)]
    public void Parse_Status_Mapped(string wire, OrderStatus expected)
    {
        Assert.Equal(expected, OrderUpdateParser.Parse(WithField(OrderFillFrame, "X", $"\"{wire}\"")).Status);
    }

    [Theory]
    [InlineData("LIMIT", OrderType.Limit)]
    [InlineData("Limit", OrderType.Limit)]
    [InlineData("limit", OrderType.Limit)]
    [InlineData("MARKET", OrderType.Market)]
    [InlineData("Market", OrderType.Market)]
    [InlineData("STOP_LIMIT", OrderType.Unknown)]
    public void Parse_OrderTypeAnyCase_Mapped(string wire, OrderType expected)
    {
        Assert.Equal(expected, OrderUpdateParser.Parse(WithField(OrderFillFrame, "o", $"\"{wire}\"")).OrderType);
    }

    [Theory]
    [InlineData("GTC", TimeInForce.GoodTillCancelled)]
    [InlineData("IOC", TimeInForce.ImmediateOrCancel)]
    [InlineData("FOK", TimeInForce.FillOrKill)]
    [InlineData("GTD", TimeInForce.Unknown)]
    public void Parse_TimeInForce_Mapped(string wire, TimeInForce expected)
    {
        Assert.Equal(expected, OrderUpdateParser.Parse(WithField(OrderFillFrame, "f", $"\"{wire}\"")).TimeInForce);
    }

    [Theory]
    [InlineData("RejectTaker", SelfTradePrevention.RejectTaker)]
    [InlineData("RejectMaker", SelfTradePrevention.RejectMaker)]
    [InlineData("RejectBoth", SelfTradePrevention.RejectBoth)]
    [InlineData("Allow", SelfTradePrevention.Allow)]
    [InlineData("DecrementAndCancel", SelfTradePrevention.Unknown)]
    public void Parse_SelfTradePrevention_Mapped(string wire, SelfTradePrevention expected)
    {
        Assert.Equal(expected, OrderUpdateParser.Parse(WithField(OrderFillFrame, "V", $"\"{wire}\"")).SelfTradePrevention);
    }

    [Theory]
    [InlineData("USER", OrderOrigin.User)]
    [InlineData("LIQUIDATION_AUTOCLOSE", OrderOrigin.LiquidationAutoclose)]
    [InlineData("ADL_AUTOCLOSE", OrderOrigin.AdlAutoclose)]
    [InlineData("COLLATERAL_CONVERSION", OrderOrigin.CollateralConversion)]
    [InlineData("SETTLEMENT_AUTOCLOSE", OrderOrigin.SettlementAutoclose)]
    [InlineData("BACKSTOP_LIQUIDITY_PROVIDER", OrderOrigin.BackstopLiquidityProvider)]
    [InlineData("LiquidationAutoclose", OrderOrigin.LiquidationAutoclose)]
    [InlineData("liquidation_autoclose", OrderOrigin.LiquidationAutoclose)]
    [InlineData("VAULT_REBALANCE", OrderOrigin.Unknown)]
    [InlineData("A_NAME_FAR_LONGER_THAN_ANY_ORIGIN_WE_KNOW_ABOUT_TODAY", OrderOrigin.Unknown)]
    [InlineData("USÉR", OrderOrigin.Unknown)]
    public void Parse_OriginAnySpelling_Mapped(string wire, OrderOrigin expected)
    {
        Assert.Equal(expected, OrderUpdateParser.Parse(WithField(OrderFillFrame, "O", $"\"{wire}\"")).Origin);
    }

    [Fact]
    public void Parse_EscapedEnumValue_Mapped()
    {
        Assert.Equal(OrderOrigin.LiquidationAutoclose, OrderUpdateParser.Parse(WithField(OrderFillFrame, "O", "\"LIQUIDATION\\u005fAUTOCLOSE\"")).Origin);
    }

    [Theory]
    [InlineData("LastPrice", TriggerBy.LastPrice)]
    [InlineData("MarkPrice", TriggerBy.MarkPrice)]
    [InlineData("IndexPrice", TriggerBy.IndexPrice)]
    [InlineData("MidPrice", TriggerBy.Unknown)]
    public void Parse_TriggerBy_Mapped(string wire, TriggerBy expected)
    {
        Assert.Equal(expected, OrderUpdateParser.Parse(WithField(OrderFillFrame, "B", $"\"{wire}\"")).TriggerBy);
    }

    [Theory]
    [InlineData("S", "1")]
    [InlineData("o", "null")]
    [InlineData("X", "true")]
    [InlineData("y", "\"true\"")]
    [InlineData("c", "\"abc\"")]
    [InlineData("B", "7")]
    public void Parse_EnumOrFlagOfWrongType_ThrowsNamingField(string key, string raw)
    {
        AssertRejected(d => OrderUpdateParser.Parse(d), OrderFillFrame, key, raw);
    }

    [Fact]
    public void Parse_FeeSymbolTwice_SameStringInstance()
    {
        var first = OrderUpdateParser.Parse(DataOf(OrderFillFrame));
        var second = OrderUpdateParser.Parse(DataOf(OrderFillFrame));

        Assert.Same(first.FeeSymbol, second.FeeSymbol);
        Assert.Same(first.Symbol, second.Symbol);
    }
}

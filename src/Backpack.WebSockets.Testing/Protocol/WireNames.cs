using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// The exact spellings the live exchange sends for each enum (spec §6 and §7): sides and statuses in PascalCase,
/// event types in camelCase, order types, time in force and origins in upper case.
/// </summary>
/// <remarks><c>Unknown</c> has no spelling: publishing it would be a test bug, so it is rejected.</remarks>
internal static class WireNames
{
    public static string Of(Side value) => value switch
    {
        Side.Bid => "Bid",
        Side.Ask => "Ask",
        _ => throw Unwritable(value),
    };

    public static string Of(OrderEventType value) => value switch
    {
        OrderEventType.OrderAccepted => "orderAccepted",
        OrderEventType.OrderCancelled => "orderCancelled",
        OrderEventType.OrderExpired => "orderExpired",
        OrderEventType.OrderFill => "orderFill",
        OrderEventType.OrderModified => "orderModified",
        OrderEventType.TriggerPlaced => "triggerPlaced",
        OrderEventType.TriggerFailed => "triggerFailed",
        _ => throw Unwritable(value),
    };

    public static string Of(OrderStatus value) => value switch
    {
        OrderStatus.New => "New",
        OrderStatus.PartiallyFilled => "PartiallyFilled",
        OrderStatus.Filled => "Filled",
        OrderStatus.Cancelled => "Cancelled",
        OrderStatus.Expired => "Expired",
        OrderStatus.TriggerPending => "TriggerPending",
        OrderStatus.TriggerFailed => "TriggerFailed",
        _ => throw Unwritable(value),
    };

    // Upper case on the stream, unlike REST's Limit/Market (spec §7.2).
    public static string Of(OrderType value) => value switch
    {
        OrderType.Limit => "LIMIT",
        OrderType.Market => "MARKET",
        _ => throw Unwritable(value),
    };

    public static string Of(TimeInForce value) => value switch
    {
        TimeInForce.GoodTillCancelled => "GTC",
        TimeInForce.ImmediateOrCancel => "IOC",
        TimeInForce.FillOrKill => "FOK",
        _ => throw Unwritable(value),
    };

    public static string Of(SelfTradePrevention value) => value switch
    {
        SelfTradePrevention.RejectTaker => "RejectTaker",
        SelfTradePrevention.RejectMaker => "RejectMaker",
        SelfTradePrevention.RejectBoth => "RejectBoth",
        SelfTradePrevention.Allow => "Allow",
        _ => throw Unwritable(value),
    };

    public static string Of(TriggerBy value) => value switch
    {
        TriggerBy.LastPrice => "LastPrice",
        TriggerBy.MarkPrice => "MarkPrice",
        TriggerBy.IndexPrice => "IndexPrice",
        _ => throw Unwritable(value),
    };

    public static string Of(OrderOrigin value) => value switch
    {
        OrderOrigin.User => "USER",
        OrderOrigin.LiquidationAutoclose => "LIQUIDATION_AUTOCLOSE",
        OrderOrigin.AdlAutoclose => "ADL_AUTOCLOSE",
        OrderOrigin.CollateralConversion => "COLLATERAL_CONVERSION",
        OrderOrigin.SettlementAutoclose => "SETTLEMENT_AUTOCLOSE",
        OrderOrigin.BackstopLiquidityProvider => "BACKSTOP_LIQUIDITY_PROVIDER",
        _ => throw Unwritable(value),
    };

    /// <summary>The <c>e</c> of a position event; <see langword="null"/> for a snapshot, which the server sends without <c>e</c>.</summary>
    public static string? Of(PositionEventType value) => value switch
    {
        PositionEventType.Snapshot => null,
        PositionEventType.PositionAdjusted => "positionAdjusted",
        PositionEventType.PositionOpened => "positionOpened",
        PositionEventType.PositionClosed => "positionClosed",
        _ => throw Unwritable(value),
    };

    public static string Of(RfqEventType value) => value switch
    {
        RfqEventType.RfqActive => "rfqActive",
        RfqEventType.RfqAccepted => "rfqAccepted",
        RfqEventType.RfqRefreshed => "rfqRefreshed",
        RfqEventType.RfqCancelled => "rfqCancelled",
        RfqEventType.RfqCandidate => "rfqCandidate",
        RfqEventType.RfqFilled => "rfqFilled",
        RfqEventType.QuoteAccepted => "quoteAccepted",
        RfqEventType.QuoteCancelled => "quoteCancelled",
        RfqEventType.RfqAcceptedBinding => "rfqAcceptedBinding",
        _ => throw Unwritable(value),
    };

    public static string Of(RfqStatus value) => value switch
    {
        RfqStatus.New => "New",
        RfqStatus.Cancelled => "Cancelled",
        RfqStatus.Filled => "Filled",
        _ => throw Unwritable(value),
    };

    private static ArgumentException Unwritable<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        new($"{typeof(TEnum).Name}.{value} has no wire spelling; set a value the exchange sends.", "item");
}

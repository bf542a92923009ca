using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>
/// Maps enum names, already lower-cased and stripped of underscores by <see cref="JsonFields.ReadEnum{T}"/>, to enum
/// members. Names not listed map to the Unknown member: the server adds values without notice.
/// </summary>
internal static class WireEnums
{
    public static Side ToSide(ReadOnlySpan<char> name) => name switch
    {
        "bid" => Side.Bid,
        "ask" => Side.Ask,
        _ => Side.Unknown,
    };

    public static OrderEventType ToOrderEventType(ReadOnlySpan<char> name) => name switch
    {
        "orderaccepted" => OrderEventType.OrderAccepted,
        "ordercancelled" => OrderEventType.OrderCancelled,
        "orderexpired" => OrderEventType.OrderExpired,
        "orderfill" => OrderEventType.OrderFill,
        "ordermodified" => OrderEventType.OrderModified,
        "triggerplaced" => OrderEventType.TriggerPlaced,
        "triggerfailed" => OrderEventType.TriggerFailed,
        _ => OrderEventType.Unknown,
    };

    public static OrderStatus ToOrderStatus(ReadOnlySpan<char> name) => name switch
    {
        "new" => OrderStatus.New,
        "partiallyfilled" => OrderStatus.PartiallyFilled,
        "filled" => OrderStatus.Filled,
        "cancelled" => OrderStatus.Cancelled,
        "expired" => OrderStatus.Expired,
        "triggerpending" => OrderStatus.TriggerPending,
        "triggerfailed" => OrderStatus.TriggerFailed,
        _ => OrderStatus.Unknown,
    };

    public static OrderType ToOrderType(ReadOnlySpan<char> name) => name switch
    {
        "limit" => OrderType.Limit,
        "market" => OrderType.Market,
        _ => OrderType.Unknown,
    };

    public static TimeInForce ToTimeInForce(ReadOnlySpan<char> name) => name switch
    {
        "gtc" => TimeInForce.GoodTillCancelled,
        "ioc" => TimeInForce.ImmediateOrCancel,
        "fok" => TimeInForce.FillOrKill,
        _ => TimeInForce.Unknown,
    };

    public static SelfTradePrevention ToSelfTradePrevention(ReadOnlySpan<char> name) => name switch
    {
        "rejecttaker" => SelfTradePrevention.RejectTaker,
        "rejectmaker" => SelfTradePrevention.RejectMaker,
        "rejectboth" => SelfTradePrevention.RejectBoth,
        "allow" => SelfTradePrevention.Allow,
        _ => SelfTradePrevention.Unknown,
    };

    public static TriggerBy ToTriggerBy(ReadOnlySpan<char> name) => name switch
    {
        "lastprice" => TriggerBy.LastPrice,
        "markprice" => TriggerBy.MarkPrice,
        "indexprice" => TriggerBy.IndexPrice,
        _ => TriggerBy.Unknown,
    };

    public static OrderOrigin ToOrderOrigin(ReadOnlySpan<char> name) => name switch
    {
        "user" => OrderOrigin.User,
        "liquidationautoclose" => OrderOrigin.LiquidationAutoclose,
        "adlautoclose" => OrderOrigin.AdlAutoclose,
        "collateralconversion" => OrderOrigin.CollateralConversion,
        "settlementautoclose" => OrderOrigin.SettlementAutoclose,
        "backstopliquidityprovider" => OrderOrigin.BackstopLiquidityProvider,
        _ => OrderOrigin.Unknown,
    };

    // The snapshot has no wire name: it is the absence of "e".
    public static PositionEventType ToPositionEventType(ReadOnlySpan<char> name) => name switch
    {
        "positionadjusted" => PositionEventType.PositionAdjusted,
        "positionopened" => PositionEventType.PositionOpened,
        "positionclosed" => PositionEventType.PositionClosed,
        _ => PositionEventType.Unknown,
    };

    public static RfqEventType ToRfqEventType(ReadOnlySpan<char> name) => name switch
    {
        "rfqactive" => RfqEventType.RfqActive,
        "rfqaccepted" => RfqEventType.RfqAccepted,
        "rfqrefreshed" => RfqEventType.RfqRefreshed,
        "rfqcancelled" => RfqEventType.RfqCancelled,
        "rfqcandidate" => RfqEventType.RfqCandidate,
        "rfqfilled" => RfqEventType.RfqFilled,
        "quoteaccepted" => RfqEventType.QuoteAccepted,
        "quotecancelled" => RfqEventType.QuoteCancelled,
        "rfqacceptedbinding" => RfqEventType.RfqAcceptedBinding,
        _ => RfqEventType.Unknown,
    };

    public static RfqStatus ToRfqStatus(ReadOnlySpan<char> name) => name switch
    {
        "new" => RfqStatus.New,
        "cancelled" => RfqStatus.Cancelled,
        "filled" => RfqStatus.Filled,
        _ => RfqStatus.Unknown,
    };
}

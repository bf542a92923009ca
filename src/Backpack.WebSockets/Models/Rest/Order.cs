namespace Backpack.WebSockets.Models;

/// <summary>
/// An order from <c>GET /api/v1/orders</c>, <c>GET /api/v1/order</c> (resting orders) or <c>GET /wapi/v1/history/orders</c>
/// (spec §9.5.2); the REST twin of <see cref="OrderUpdate"/>. Fields the server leaves out or sends as <c>null</c> are
/// <see langword="null"/> (the executed quantities read as 0).
/// </summary>
public sealed record Order
{
    /// <summary>The order id (<c>id</c>).</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The client order id (<c>clientId</c>).</summary>
    public long? ClientId { get; init; }

    /// <summary>The market (<c>symbol</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>The side (<c>side</c>).</summary>
    public Side Side { get; init; }

    /// <summary>The order type (<c>orderType</c>: <c>Limit</c> or <c>Market</c>).</summary>
    public OrderType OrderType { get; init; }

    /// <summary>The status (<c>status</c>).</summary>
    public OrderStatus Status { get; init; }

    /// <summary>The time in force (<c>timeInForce</c>).</summary>
    public TimeInForce TimeInForce { get; init; }

    /// <summary>The self-trade prevention mode (<c>selfTradePrevention</c>).</summary>
    public SelfTradePrevention SelfTradePrevention { get; init; }

    /// <summary>The limit price (<c>price</c>).</summary>
    public decimal? Price { get; init; }

    /// <summary>The base quantity (<c>quantity</c>).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The quote quantity (<c>quoteQuantity</c>).</summary>
    public decimal? QuoteQuantity { get; init; }

    /// <summary>The cumulative executed base quantity (<c>executedQuantity</c>; stream <c>z</c>).</summary>
    public decimal ExecutedQuantity { get; init; }

    /// <summary>The cumulative executed quote quantity (<c>executedQuoteQuantity</c>; stream <c>Z</c>).</summary>
    public decimal ExecutedQuoteQuantity { get; init; }

    /// <summary>Whether the order is post-only (<c>postOnly</c>).</summary>
    public bool? PostOnly { get; init; }

    /// <summary>Whether the order is reduce-only (<c>reduceOnly</c>).</summary>
    public bool? ReduceOnly { get; init; }

    /// <summary>The trigger price (<c>triggerPrice</c>).</summary>
    public decimal? TriggerPrice { get; init; }

    /// <summary>The trigger quantity as sent: an amount or a percentage such as <c>80%</c> (<c>triggerQuantity</c>).</summary>
    public string? TriggerQuantity { get; init; }

    /// <summary>What the trigger watches (<c>triggerBy</c>).</summary>
    public TriggerBy? TriggerBy { get; init; }

    /// <summary>When the trigger fired (<c>triggeredAt</c>, read as milliseconds).</summary>
    public DateTimeOffset? TriggeredAt { get; init; }

    /// <summary>The take-profit trigger price (<c>takeProfitTriggerPrice</c>).</summary>
    public decimal? TakeProfitTriggerPrice { get; init; }

    /// <summary>The take-profit limit price (<c>takeProfitLimitPrice</c>).</summary>
    public decimal? TakeProfitLimitPrice { get; init; }

    /// <summary>What the take-profit trigger watches (<c>takeProfitTriggerBy</c>).</summary>
    public TriggerBy? TakeProfitTriggerBy { get; init; }

    /// <summary>The stop-loss trigger price (<c>stopLossTriggerPrice</c>).</summary>
    public decimal? StopLossTriggerPrice { get; init; }

    /// <summary>The stop-loss limit price (<c>stopLossLimitPrice</c>).</summary>
    public decimal? StopLossLimitPrice { get; init; }

    /// <summary>What the stop-loss trigger watches (<c>stopLossTriggerBy</c>).</summary>
    public TriggerBy? StopLossTriggerBy { get; init; }

    /// <summary>The parent order, or the order a trigger belongs to (<c>relatedOrderId</c>).</summary>
    public string? RelatedOrderId { get; init; }

    /// <summary>The strategy that placed the order (<c>strategyId</c>).</summary>
    public string? StrategyId { get; init; }

    /// <summary>Why the order expired (<c>expiryReason</c>, history only), for example <c>PriceImpact</c>.</summary>
    public string? ExpiryReason { get; init; }

    /// <summary>The system order type (<c>systemOrderType</c>, history only).</summary>
    public string? SystemOrderType { get; init; }

    /// <summary>When the order was created (<c>createdAt</c>: milliseconds on resting orders, a naive UTC string in history).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

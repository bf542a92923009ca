namespace Backpack.WebSockets.Models;

/// <summary>
/// A change to one of the account's orders, from <c>account.orderUpdate[.&lt;symbol&gt;]</c>. Fills arrive here as
/// <see cref="OrderEventType.OrderFill"/>; there is no separate fill stream.
/// </summary>
public sealed record OrderUpdate
{
    /// <summary>What happened (<c>e</c>); <see cref="OrderEventType.Unknown"/> for values added later.</summary>
    public OrderEventType EventType { get; init; }

    /// <summary>The market symbol (<c>s</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The order id (<c>i</c>; a decimal string on the wire). Not a timestamp since 2025-06-09.</summary>
    public long OrderId { get; init; }

    /// <summary>The client order id (<c>c</c>, a uint32) if the order was placed with one.</summary>
    public long? ClientOrderId { get; init; }

    /// <summary>The order side (<c>S</c>).</summary>
    public Side Side { get; init; }

    /// <summary>The order type (<c>o</c>).</summary>
    public OrderType OrderType { get; init; }

    /// <summary>The time in force (<c>f</c>).</summary>
    public TimeInForce TimeInForce { get; init; }

    /// <summary>The order quantity in the base asset (<c>q</c>), if the order has one.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The order quantity in the quote asset (<c>Q</c>); documented for reverse market orders, seen on limit orders too.</summary>
    public decimal? QuoteQuantity { get; init; }

    /// <summary>The limit price (<c>p</c>) of limit orders.</summary>
    public decimal? Price { get; init; }

    /// <summary>The trigger price (<c>P</c>) of trigger orders.</summary>
    public decimal? TriggerPrice { get; init; }

    /// <summary>The price the trigger watches (<c>B</c>) on trigger orders.</summary>
    public TriggerBy? TriggerBy { get; init; }

    /// <summary>The take-profit trigger price (<c>a</c>), if a take-profit is set.</summary>
    public decimal? TakeProfitTriggerPrice { get; init; }

    /// <summary>The stop-loss trigger price (<c>b</c>), if a stop-loss is set.</summary>
    public decimal? StopLossTriggerPrice { get; init; }

    /// <summary>The take-profit limit price (<c>j</c>), if set.</summary>
    public decimal? TakeProfitLimitPrice { get; init; }

    /// <summary>The stop-loss limit price (<c>k</c>), if set.</summary>
    public decimal? StopLossLimitPrice { get; init; }

    /// <summary>The price the take-profit watches (<c>d</c>), if a take-profit is set.</summary>
    public TriggerBy? TakeProfitTriggerBy { get; init; }

    /// <summary>The price the stop-loss watches (<c>g</c>), if a stop-loss is set.</summary>
    public TriggerBy? StopLossTriggerBy { get; init; }

    /// <summary>
    /// The trigger quantity (<c>Y</c>) of trigger orders, verbatim: an amount such as <c>20.03</c> or a percentage of the
    /// position such as <c>80%</c>.
    /// </summary>
    public string? TriggerQuantity { get; init; }

    /// <summary>The order status after the event (<c>X</c>).</summary>
    public OrderStatus Status { get; init; }

    /// <summary>
    /// Why the order expired (<c>R</c>) on <see cref="OrderEventType.OrderExpired"/>, verbatim (spellings vary, e.g.
    /// <c>PRICE_BAND</c> or <c>PriceImpact</c>).
    /// </summary>
    public string? ExpiryReason { get; init; }

    /// <summary>The trade id (<c>t</c>) of a fill; <see langword="null"/> for other events.</summary>
    public long? TradeId { get; init; }

    /// <summary>The quantity of this fill (<c>l</c>), in the base asset.</summary>
    public decimal? FillQuantity { get; init; }

    /// <summary>The cumulative executed quantity (<c>z</c>), in the base asset.</summary>
    public decimal ExecutedQuantity { get; init; }

    /// <summary>The cumulative executed quantity in the quote asset (<c>Z</c>).</summary>
    public decimal ExecutedQuoteQuantity { get; init; }

    /// <summary>The price of this fill (<c>L</c>).</summary>
    public decimal? FillPrice { get; init; }

    /// <summary>Whether this fill was on the maker side (<c>m</c>).</summary>
    public bool? IsMaker { get; init; }

    /// <summary>The fee of this fill (<c>n</c>), in <see cref="FeeSymbol"/>; negative for a rebate.</summary>
    public decimal? Fee { get; init; }

    /// <summary>The asset the fee was charged in (<c>N</c>).</summary>
    public string? FeeSymbol { get; init; }

    /// <summary>The self-trade prevention mode of the order (<c>V</c>).</summary>
    public SelfTradePrevention SelfTradePrevention { get; init; }

    /// <summary>Who or what placed the order (<c>O</c>).</summary>
    public OrderOrigin Origin { get; init; }

    /// <summary>The related order id (<c>I</c>), if any.</summary>
    public long? RelatedOrderId { get; init; }

    /// <summary>The id of the strategy that placed the order (<c>H</c>), if any.</summary>
    public long? StrategyId { get; init; }

    /// <summary>Whether the order is post-only (<c>y</c>), when sent.</summary>
    public bool? PostOnly { get; init; }

    /// <summary>Whether the order is reduce-only (<c>r</c>), when sent.</summary>
    public bool? ReduceOnly { get; init; }
}

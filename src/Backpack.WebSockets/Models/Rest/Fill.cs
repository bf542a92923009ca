namespace Backpack.WebSockets.Models;

/// <summary>
/// One fill of <c>GET /wapi/v1/history/fills</c> (spec §9.5.2); the REST twin of an <see cref="OrderEventType.OrderFill"/>
/// <see cref="OrderUpdate"/>.
/// </summary>
public sealed record Fill
{
    /// <summary>The trade id (<c>tradeId</c>; stream <c>t</c>); <see langword="null"/> when the server sends none.</summary>
    public long? TradeId { get; init; }

    /// <summary>The order id (<c>orderId</c>).</summary>
    public string OrderId { get; init; } = string.Empty;

    /// <summary>The order's client id (<c>clientId</c>, a string here, an integer elsewhere).</summary>
    public string? ClientId { get; init; }

    /// <summary>The market (<c>symbol</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>The order's side (<c>side</c>).</summary>
    public Side Side { get; init; }

    /// <summary>The fill price (<c>price</c>).</summary>
    public decimal Price { get; init; }

    /// <summary>The filled base quantity (<c>quantity</c>).</summary>
    public decimal Quantity { get; init; }

    /// <summary>The signed fee in <see cref="FeeSymbol"/>; negative is a rebate (<c>fee</c>).</summary>
    public decimal Fee { get; init; }

    /// <summary>The fee asset (<c>feeSymbol</c>).</summary>
    public string? FeeSymbol { get; init; }

    /// <summary>Whether the order was the maker (<c>isMaker</c>).</summary>
    public bool IsMaker { get; init; }

    /// <summary>The system order type of a system fill (<c>systemOrderType</c>), for example <c>LiquidatePositionOnBook</c>.</summary>
    public string? SystemOrderType { get; init; }

    /// <summary>When the fill happened (<c>timestamp</c>, a naive UTC string on the wire).</summary>
    public DateTimeOffset Timestamp { get; init; }
}

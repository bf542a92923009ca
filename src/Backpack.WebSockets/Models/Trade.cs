namespace Backpack.WebSockets.Models;

/// <summary>A public trade from <c>trade.&lt;symbol&gt;</c> (including trades caused by liquidations).</summary>
public sealed record Trade
{
    /// <summary>The market symbol (<c>s</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The trade price (<c>p</c>), in the quote asset.</summary>
    public decimal Price { get; init; }

    /// <summary>The trade quantity (<c>q</c>), in the base asset. The stream has no quote quantity: it is <c>Price × Quantity</c>.</summary>
    public decimal Quantity { get; init; }

    /// <summary>The trade id (<c>t</c>), sequential per symbol.</summary>
    public long TradeId { get; init; }

    /// <summary>The buyer's order id (<c>b</c>; a decimal string on the wire).</summary>
    public long BuyerOrderId { get; init; }

    /// <summary>The seller's order id (<c>a</c>; a decimal string on the wire).</summary>
    public long SellerOrderId { get; init; }

    /// <summary>Whether the buyer was the maker (<c>m</c>); <see langword="true"/> means the taker sold.</summary>
    public bool IsBuyerMaker { get; init; }
}

namespace Backpack.WebSockets.Models;

/// <summary>The side of an order, trade, liquidation or RFQ (wire <c>Bid</c> / <c>Ask</c>).</summary>
public enum Side
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary><c>Bid</c>: buy.</summary>
    Bid,

    /// <summary><c>Ask</c>: sell.</summary>
    Ask,
}

namespace Backpack.WebSockets.Models;

/// <summary>The type of an order. The stream sends <c>LIMIT</c> / <c>MARKET</c> (REST uses <c>Limit</c> / <c>Market</c>); any case is accepted.</summary>
public enum OrderType
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary>A limit order.</summary>
    Limit,

    /// <summary>A market order.</summary>
    Market,
}

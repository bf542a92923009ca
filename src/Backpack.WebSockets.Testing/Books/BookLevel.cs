namespace Backpack.WebSockets.Testing;

/// <summary>One price level of an order book: the absolute quantity resting at a price.</summary>
/// <param name="Price">The price.</param>
/// <param name="Quantity">The quantity resting at that price.</param>
public readonly record struct BookLevel(decimal Price, decimal Quantity);

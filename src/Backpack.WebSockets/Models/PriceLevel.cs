namespace Backpack.WebSockets.Models;

/// <summary>One price level of an order book side.</summary>
/// <param name="Price">The price of the level, in the quote asset.</param>
/// <param name="Quantity">
/// The absolute quantity resting at <paramref name="Price"/> after the change, in the base asset (not a delta).
/// In a depth update, <c>0</c> means the level was removed.
/// </param>
public readonly record struct PriceLevel(decimal Price, decimal Quantity);

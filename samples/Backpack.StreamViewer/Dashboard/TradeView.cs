namespace Backpack.StreamViewer;

/// <summary>One line of the trade tape.</summary>
/// <param name="Time">The engine time of the trade.</param>
/// <param name="Price">The price.</param>
/// <param name="Quantity">The quantity.</param>
/// <param name="IsBuy">Whether the taker bought (the buyer was not the maker).</param>
internal sealed record TradeView(DateTimeOffset Time, decimal Price, decimal Quantity, bool IsBuy);

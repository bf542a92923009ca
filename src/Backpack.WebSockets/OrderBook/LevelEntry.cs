namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// One level of a <see cref="BookSide"/>, shared by its hash map and its sorted set, so a quantity change is one hash
/// lookup and copying the side out needs no lookup at all.
/// </summary>
internal sealed class LevelEntry(decimal price, decimal quantity)
{
    public decimal Price { get; } = price;

    /// <summary>The absolute quantity; changed in place by the book's writer only.</summary>
    public decimal Quantity { get; set; } = quantity;
}

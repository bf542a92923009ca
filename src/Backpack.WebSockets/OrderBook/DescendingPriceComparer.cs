namespace Backpack.WebSockets.OrderBook;

/// <summary>Orders prices highest first, so the bid side enumerates best first like the ask side.</summary>
internal sealed class DescendingPriceComparer : IComparer<decimal>
{
    public static DescendingPriceComparer Instance { get; } = new();

    public int Compare(decimal x, decimal y) => y.CompareTo(x);
}

using System.Runtime.InteropServices;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// One side of a local book, best price first. Not thread-safe: only the book's writer touches it.
/// </summary>
/// <remarks>
/// A hash map holds the quantities and a red-black tree (<see cref="SortedSet{T}"/>) the order of prices. Most depth
/// updates change the quantity of a level that exists, which costs one hash lookup; adding or removing a level costs
/// O(log n) in the tree. Nothing shifts, unlike inserts into a sorted array.
/// </remarks>
internal sealed class BookSide
{
    private readonly Dictionary<decimal, decimal> _quantities = [];
    private readonly SortedSet<decimal> _prices;

    public BookSide(bool isBid)
    {
        _prices = new SortedSet<decimal>(isBid ? DescendingPriceComparer.Instance : Comparer<decimal>.Default);
    }

    /// <summary>The number of levels.</summary>
    public int Count => _quantities.Count;

    /// <summary>Sets a level to an absolute quantity; zero, in any spelling, removes it.</summary>
    public void Set(decimal price, decimal quantity)
    {
        if (quantity == 0m)
        {
            if (_quantities.Remove(price))
            {
                _prices.Remove(price);
            }

            return;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_quantities, price, out var exists);
        slot = quantity;
        if (!exists)
        {
            _prices.Add(price);
        }
    }

    /// <summary>Sets every level of <paramref name="levels"/>, in order.</summary>
    public void SetAll(IReadOnlyList<PriceLevel> levels)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            Set(level.Price, level.Quantity);
        }
    }

    /// <summary>The best price, if the side has any level.</summary>
    public bool TryGetBestPrice(out decimal price)
    {
        if (_quantities.Count == 0)
        {
            price = 0m;
            return false;
        }

        price = _prices.Min;
        return true;
    }

    /// <summary>Copies the levels, best first, into a new array.</summary>
    public PriceLevel[] ToArray()
    {
        if (_quantities.Count == 0)
        {
            return [];
        }

        var levels = new PriceLevel[_quantities.Count];
        var i = 0;
        foreach (var price in _prices)
        {
            levels[i++] = new PriceLevel(price, _quantities[price]);
        }

        return levels;
    }

    /// <summary>Removes every level.</summary>
    public void Clear()
    {
        _quantities.Clear();
        _prices.Clear();
    }
}

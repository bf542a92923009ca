using System.Runtime.InteropServices;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// One side of a local book, best price first. Not thread-safe: only the book's writer touches it.
/// </summary>
/// <remarks>
/// A hash map finds a level by price and a red-black tree (<see cref="SortedSet{T}"/>) keeps the levels in price order;
/// both hold the same <see cref="LevelEntry"/>. Most depth updates change the quantity of a level that exists, which
/// costs one hash lookup; adding or removing a level costs O(log n) in the tree. Nothing shifts, unlike inserts into a
/// sorted array.
/// </remarks>
internal sealed class BookSide
{
    private readonly Dictionary<decimal, LevelEntry> _byPrice = [];
    private readonly SortedSet<LevelEntry> _ordered;

    public BookSide(bool isBid)
    {
        _ordered = new SortedSet<LevelEntry>(isBid ? LevelEntryComparer.Descending : LevelEntryComparer.Ascending);
    }

    /// <summary>The number of levels.</summary>
    public int Count => _byPrice.Count;

    /// <summary>Sets a level to an absolute quantity; zero, in any spelling, removes it.</summary>
    public void Set(decimal price, decimal quantity)
    {
        if (quantity == 0m)
        {
            if (_byPrice.Remove(price, out var removed))
            {
                _ordered.Remove(removed);
            }

            return;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_byPrice, price, out var exists);
        if (exists)
        {
            slot!.Quantity = quantity;
            return;
        }

        slot = new LevelEntry(price, quantity);
        _ordered.Add(slot);
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
        if (_byPrice.Count == 0)
        {
            price = 0m;
            return false;
        }

        price = _ordered.Min!.Price;
        return true;
    }

    /// <summary>Copies the levels, best first, into a new array.</summary>
    public PriceLevel[] ToArray()
    {
        if (_byPrice.Count == 0)
        {
            return [];
        }

        var levels = new PriceLevel[_byPrice.Count];
        var i = 0;
        foreach (var level in _ordered)
        {
            levels[i++] = new PriceLevel(level.Price, level.Quantity);
        }

        return levels;
    }

    /// <summary>Removes every level.</summary>
    public void Clear()
    {
        _byPrice.Clear();
        _ordered.Clear();
    }
}

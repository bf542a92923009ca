using System.Collections;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// A read-only view of the first <see cref="Count"/> levels of an array that is never written again once published, so
/// snapshots of any depth share one array without copying and without handing callers a writable array.
/// </summary>
internal sealed class LevelList : IReadOnlyList<PriceLevel>
{
    private readonly PriceLevel[] _levels;

    public LevelList(PriceLevel[] levels, int count)
    {
        _levels = levels;
        Count = count;
    }

    public static LevelList Empty { get; } = new([], 0);

    public int Count { get; }

    public PriceLevel this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _levels[index];
        }
    }

    /// <summary>The same levels cut to at most <paramref name="depth"/>.</summary>
    public LevelList Take(int depth) => depth >= Count ? this : new LevelList(_levels, depth);

    public IEnumerator<PriceLevel> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _levels[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

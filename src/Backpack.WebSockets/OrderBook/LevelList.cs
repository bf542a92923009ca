using System.Collections;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// A read-only view of the first <see cref="Count"/> levels of a published side: frozen chunks (<see cref="LevelChunk"/>)
/// that are never written again, so snapshots of any depth, and successive publications, share them without copying and
/// without handing callers a writable array.
/// </summary>
internal sealed class LevelList : IReadOnlyList<PriceLevel>
{
    private readonly LevelChunk[] _chunks;

    /// <summary>The running total of levels at the end of each chunk.</summary>
    private readonly int[] _ends;

    public LevelList(LevelChunk[] chunks, int[] ends, int count)
    {
        _chunks = chunks;
        _ends = ends;
        Count = count;
    }

    public static LevelList Empty { get; } = new([], [], 0);

    public int Count { get; }

    public PriceLevel this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var first = _ends[0];
            if (index < first)
            {
                // The top of the book, what most readers ask for.
                return _chunks[0].Items[index];
            }

            var c = Array.BinarySearch(_ends, index);
            c = c >= 0 ? c + 1 : ~c;
            return _chunks[c].Items[index - _ends[c - 1]];
        }
    }

    /// <summary>The same levels cut to at most <paramref name="depth"/>.</summary>
    public LevelList Take(int depth) => depth >= Count ? this : new LevelList(_chunks, _ends, depth);

    public IEnumerator<PriceLevel> GetEnumerator()
    {
        var remaining = Count;
        for (var c = 0; remaining > 0; c++)
        {
            var chunk = _chunks[c];
            var take = Math.Min(chunk.Count, remaining);
            for (var i = 0; i < take; i++)
            {
                yield return chunk.Items[i];
            }

            remaining -= take;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using System.Numerics;
using System.Runtime.CompilerServices;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// One side of a local book, best price first. Not thread-safe: only the book's writer touches it.
/// </summary>
/// <remarks>
/// The levels sit in price order in a list of small chunks (<see cref="LevelChunk"/>, up to
/// <see cref="LevelChunk.Capacity"/> levels each). <see cref="Publish"/> freezes every chunk in O(1) (it bumps the epoch)
/// and hands readers copies of the chunk references and running counts, so publishing costs two small array copies
/// instead of a copy of every level; the writer then copies a frozen chunk before it next changes it. A quiet stream (a
/// publication after every update) pays for the chunks its update touched, not for the size of the book.
/// <para>
/// Searching compares <see cref="long"/> keys (<see cref="PriceKey"/>: the price times 10^scale, negated for bids so both
/// sides ascend) that only the writer keeps, in arrays beside the chunks: the search over chunks reads one contiguous
/// array of last keys, the search within a chunk another, and a <see cref="decimal"/> comparison is made only when two
/// keys are equal (a hit, or a price the key cannot tell apart). The scale is the finest one seen on the side, raised (and
/// every key recomputed, O(levels)) when a finer price arrives and every key still fits; prices whose key is cut off or
/// clamped stay correct, through the <see cref="decimal"/> comparison on equal keys.
/// </para>
/// </remarks>
internal sealed class BookSide
{
    private readonly bool _isBid;

    // One entry per chunk, in book order; the first _chunkCount are used.
    private LevelChunk[] _chunks = [];

    /// <summary>The key of every level of each chunk; the writer's own, never published, so never copied on write.</summary>
    private long[][] _keys = [];

    /// <summary>The key of each chunk's last level: the search over chunks reads only this array.</summary>
    private long[] _lasts = [];

    /// <summary>The running level count at the end of each chunk, as <see cref="LevelList"/> wants it.</summary>
    private int[] _ends = [];

    private int _chunkCount;

    /// <summary>Keys are prices times 10^_scale.</summary>
    private int _scale;

    /// <summary>Whether every key stored is exact, so that an equal exact key means the same price.</summary>
    private bool _allExact = true;

    private long _epoch;

    /// <summary>The last publication, while nothing changed since; null once the side changes.</summary>
    private LevelList? _published;

    public BookSide(bool isBid)
    {
        _isBid = isBid;
    }

    /// <summary>The number of levels.</summary>
    public int Count => _chunkCount == 0 ? 0 : _ends[_chunkCount - 1];

    /// <summary>Sets a level to an absolute quantity; zero, in any spelling, removes it.</summary>
    /// <remarks>An existing level keeps the price as first sent (18.70 stays 18.70 when 18.7 updates it).</remarks>
    public void Set(decimal price, decimal quantity)
    {
        var key = KeyOf(price, out var exact);

        // Equal keys are equal prices only when both keys are exact; otherwise the decimals decide.
        exact &= _allExact;
        var c = FindChunk(key, exact, price);
        if (IsZero(quantity))
        {
            if (c < _chunkCount)
            {
                var at = IndexIn(c, key, exact, price);
                if (at >= 0)
                {
                    RemoveAt(c, at);
                }
            }

            return;
        }

        _allExact = exact;
        if (c == _chunkCount)
        {
            // Worse than every level: append, to a new chunk when the last is full (so a snapshot loads full chunks).
            if (c == 0 || _chunks[c - 1].Count == LevelChunk.Capacity)
            {
                InsertSlot(c, new LevelChunk(_epoch), new long[LevelChunk.Capacity], end: Count, last: key);
            }
            else
            {
                c--;
            }

            InsertAt(c, _chunks[c].Count, key, new PriceLevel(price, quantity));
            return;
        }

        var index = IndexIn(c, key, exact, price);
        if (index >= 0)
        {
            ref var level = ref Writable(c).Items[index];
            level = level with { Quantity = quantity };
            _published = null;
            return;
        }

        InsertAt(c, ~index, key, new PriceLevel(price, quantity));
    }

    /// <summary>Sets every level of <paramref name="levels"/>, in order.</summary>
    public void SetAll(IReadOnlyList<PriceLevel> levels)
    {
        if (levels is PriceLevel[] array)
        {
            // What the parsers hand over: no interface call per level.
            foreach (var level in array)
            {
                Set(level.Price, level.Quantity);
            }

            return;
        }

        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            Set(level.Price, level.Quantity);
        }
    }

    /// <summary>The best price, if the side has any level.</summary>
    public bool TryGetBestPrice(out decimal price)
    {
        if (_chunkCount == 0)
        {
            price = 0m;
            return false;
        }

        price = _chunks[0].Items[0].Price;
        return true;
    }

    /// <summary>
    /// The levels as they are now, for readers: immutable from here on (every chunk is frozen), sharing the chunks with the
    /// writer and with earlier publications. O(chunks), no level is copied; the same list again while nothing changed.
    /// </summary>
    public LevelList Publish()
    {
        if (_published is not null)
        {
            return _published;
        }

        if (_chunkCount == 0)
        {
            return _published = LevelList.Empty;
        }

        var chunks = _chunks.AsSpan(0, _chunkCount).ToArray();
        var ends = _ends.AsSpan(0, _chunkCount).ToArray();
        _epoch++;
        return _published = new LevelList(chunks, ends, ends[^1]);
    }

    /// <summary>Copies the levels, best first, into a new array.</summary>
    public PriceLevel[] ToArray() => [.. Publish()];

    /// <summary>Removes every level.</summary>
    public void Clear()
    {
        // Published chunks stay as they are (readers may hold them); the writer starts over, at the next prices' scale.
        Array.Clear(_chunks, 0, _chunkCount);
        Array.Clear(_keys, 0, _chunkCount);
        _chunkCount = 0;
        _scale = 0;
        _allExact = true;
        _published = null;
    }

    /// <summary>The key of <paramref name="price"/>, raising the side's scale first if the price is finer.</summary>
    private long KeyOf(decimal price, out bool exact)
    {
        if (price.Scale > _scale)
        {
            Rescale(price);
        }

        var key = PriceKey.Of(price, _scale, out exact);
        return _isBid ? -key : key;
    }

    /// <summary>Whether <paramref name="value"/> is zero in any spelling (0, 0.00, -0), as <c>value == 0m</c> but without the call.</summary>
    private static bool IsZero(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return (bits[0] | bits[1] | bits[2]) == 0;
    }

    /// <summary>
    /// Raises the scale toward <paramref name="price"/>'s, to the finest at which the price and both ends of the side (the
    /// widest prices) still have exact keys, and recomputes every key; keeps the scale when none is finer.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Rescale(decimal price)
    {
        var scale = Math.Min((int)price.Scale, PriceKey.MaxScale);
        while (scale > _scale && !(PriceKey.IsExact(price, scale) && (_chunkCount == 0 || (EndsExactAt(scale)))))
        {
            scale--;
        }

        if (scale == _scale)
        {
            return;
        }

        _scale = scale;
        _allExact = true;
        for (var c = 0; c < _chunkCount; c++)
        {
            var chunk = _chunks[c];
            var keys = _keys[c];
            for (var i = 0; i < chunk.Count; i++)
            {
                var key = PriceKey.Of(chunk.Items[i].Price, scale, out var exact);
                keys[i] = _isBid ? -key : key;
                _allExact &= exact;
            }

            _lasts[c] = keys[chunk.Count - 1];
        }
    }

    /// <summary>Whether the best and the worst level have exact keys at <paramref name="scale"/>.</summary>
    private bool EndsExactAt(int scale)
    {
        var last = _chunks[_chunkCount - 1];
        return PriceKey.IsExact(_chunks[0].Items[0].Price, scale) && PriceKey.IsExact(last.Items[last.Count - 1].Price, scale);
    }

    /// <summary>Negative when <paramref name="a"/> comes before (is better than) <paramref name="b"/>.</summary>
    private int Compare(decimal a, decimal b) => _isBid ? b.CompareTo(a) : a.CompareTo(b);

    /// <summary>The first chunk whose last level is not before the price; the chunk count if none.</summary>
    /// <param name="key">The price's key.</param>
    /// <param name="exact">Whether an equal key means the same price.</param>
    /// <param name="price">The price.</param>
    private int FindChunk(long key, bool exact, decimal price)
    {
        var count = _chunkCount;

        // Most updates are near the top of the book: one comparison for the first chunk.
        var c = count == 0 || _lasts[0] >= key ? 0 : 1 + KeySearch.LowerBound(_lasts.AsSpan(1, count - 1), key);
        return c < count && _lasts[c] == key && !exact ? PastEqualKeys(c, key, price) : c;
    }

    /// <summary>From chunk <paramref name="c"/>, the first whose last level is not before the price, among equal last keys.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int PastEqualKeys(int c, long key, decimal price)
    {
        while (c < _chunkCount && _lasts[c] == key)
        {
            var chunk = _chunks[c];
            if (Compare(chunk.Items[chunk.Count - 1].Price, price) >= 0)
            {
                break;
            }

            c++;
        }

        return c;
    }

    /// <summary>The index of the price in chunk <paramref name="c"/>, or the complement of where it goes.</summary>
    private int IndexIn(int c, long key, bool exact, decimal price)
    {
        var count = _chunks[c].Count;
        var keys = _keys[c];
        var at = KeySearch.CountLess(keys, count, key);
        if (at == count || keys[at] != key)
        {
            return ~at;
        }

        return exact ? at : IndexAmongEqualKeys(c, at, key, price);
    }

    /// <summary>The price among the levels of chunk <paramref name="c"/> from <paramref name="at"/> whose key is <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int IndexAmongEqualKeys(int c, int at, long key, decimal price)
    {
        var chunk = _chunks[c];
        var keys = _keys[c];
        for (; at < chunk.Count && keys[at] == key; at++)
        {
            var order = Compare(chunk.Items[at].Price, price);
            if (order >= 0)
            {
                return order == 0 ? at : ~at;
            }
        }

        return ~at;
    }

    /// <summary>Chunk <paramref name="c"/>, copied first if a publication froze it.</summary>
    private LevelChunk Writable(int c)
    {
        var chunk = _chunks[c];
        if (chunk.Epoch != _epoch)
        {
            chunk = chunk.Clone(_epoch);
            _chunks[c] = chunk;
        }

        return chunk;
    }

    private void InsertAt(int c, int index, long key, PriceLevel level)
    {
        var chunk = Writable(c);
        var keys = _keys[c];
        if (chunk.Count == LevelChunk.Capacity)
        {
            // Split: the upper half moves to a new chunk after this one.
            const int half = LevelChunk.Capacity / 2;
            var upper = new LevelChunk(_epoch) { Count = LevelChunk.Capacity - half };
            var upperKeys = new long[LevelChunk.Capacity];
            ((ReadOnlySpan<PriceLevel>)chunk.Items)[half..].CopyTo(upper.Items);
            Array.Copy(keys, half, upperKeys, 0, upper.Count);
            chunk.Count = half;
            InsertSlot(c + 1, upper, upperKeys, end: _ends[c], last: _lasts[c]);
            _ends[c] -= upper.Count;
            _lasts[c] = keys[half - 1];
            if (index > half)
            {
                c++;
                chunk = upper;
                keys = upperKeys;
                index -= half;
            }
        }

        Span<PriceLevel> items = chunk.Items;
        items[index..chunk.Count].CopyTo(items[(index + 1)..]);
        Array.Copy(keys, index, keys, index + 1, chunk.Count - index);
        items[index] = level;
        keys[index] = key;
        chunk.Count++;
        if (index == chunk.Count - 1)
        {
            _lasts[c] = key;
        }

        AddToEnds(c, 1);
        _published = null;
    }

    private void RemoveAt(int c, int index)
    {
        if (_chunks[c].Count == 1)
        {
            // The chunk goes: no need to copy it first.
            RemoveSlot(c);
        }
        else
        {
            var chunk = Writable(c);
            var keys = _keys[c];
            chunk.Count--;
            Span<PriceLevel> items = chunk.Items;
            items[(index + 1)..(chunk.Count + 1)].CopyTo(items[index..]);
            Array.Copy(keys, index + 1, keys, index, chunk.Count - index);
            if (index == chunk.Count)
            {
                _lasts[c] = keys[index - 1];
            }
        }

        AddToEnds(c, -1);
        _published = null;
    }

    /// <summary>Adds <paramref name="delta"/> to the running counts of chunk <paramref name="from"/> and every later one.</summary>
    private void AddToEnds(int from, int delta)
    {
        var ends = _ends.AsSpan(from, _chunkCount - from);
        if (Vector.IsHardwareAccelerated)
        {
            var add = new Vector<int>(delta);
            while (ends.Length >= Vector<int>.Count)
            {
                (new Vector<int>(ends) + add).CopyTo(ends);
                ends = ends[Vector<int>.Count..];
            }
        }

        foreach (ref var end in ends)
        {
            end += delta;
        }
    }

    /// <summary>Makes room for a chunk at <paramref name="c"/>, with its running count and last key.</summary>
    private void InsertSlot(int c, LevelChunk chunk, long[] keys, int end, long last)
    {
        if (_chunkCount == _chunks.Length)
        {
            var size = Math.Max(4, _chunks.Length * 2);
            Array.Resize(ref _chunks, size);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _lasts, size);
            Array.Resize(ref _ends, size);
        }

        var after = _chunkCount - c;
        Array.Copy(_chunks, c, _chunks, c + 1, after);
        Array.Copy(_keys, c, _keys, c + 1, after);
        Array.Copy(_lasts, c, _lasts, c + 1, after);
        Array.Copy(_ends, c, _ends, c + 1, after);
        _chunks[c] = chunk;
        _keys[c] = keys;
        _lasts[c] = last;
        _ends[c] = end;
        _chunkCount++;
    }

    /// <summary>Removes chunk <paramref name="c"/>; the running counts after it still include its levels.</summary>
    private void RemoveSlot(int c)
    {
        _chunkCount--;
        var after = _chunkCount - c;
        Array.Copy(_chunks, c + 1, _chunks, c, after);
        Array.Copy(_keys, c + 1, _keys, c, after);
        Array.Copy(_lasts, c + 1, _lasts, c, after);
        Array.Copy(_ends, c + 1, _ends, c, after);
        _chunks[_chunkCount] = null!;
        _keys[_chunkCount] = null!;
    }
}

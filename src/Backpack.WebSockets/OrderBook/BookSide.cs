using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// One side of a local book, best price first. Not thread-safe: only the book's writer touches it.
/// </summary>
/// <remarks>
/// The levels sit in price order in a list of small chunks (<see cref="LevelChunk"/>, up to 32 levels each). A level is
/// found by binary search over the chunks' last prices, then within its chunk; inserting or removing shifts at most one
/// chunk. <see cref="Publish"/> freezes every chunk in O(1) (it bumps the epoch) and hands readers the list of chunk
/// references, so publishing costs O(levels / 32) pointer copies instead of a copy of every level; the writer then copies a
/// frozen chunk before it next changes it. A quiet stream (a publication after every update) pays for the chunks its
/// update touched, not for the size of the book.
/// </remarks>
internal sealed class BookSide
{
    private readonly bool _isBid;
    private readonly List<LevelChunk> _chunks = [];
    private long _epoch;
    private int _count;

    /// <summary>The last publication, while nothing changed since; null once the side changes.</summary>
    private LevelList? _published;

    public BookSide(bool isBid)
    {
        _isBid = isBid;
    }

    /// <summary>The number of levels.</summary>
    public int Count => _count;

    /// <summary>Sets a level to an absolute quantity; zero, in any spelling, removes it.</summary>
    /// <remarks>An existing level keeps the price as first sent (18.70 stays 18.70 when 18.7 updates it).</remarks>
    public void Set(decimal price, decimal quantity)
    {
        var c = FindChunk(price);
        if (quantity == 0m)
        {
            if (c < _chunks.Count)
            {
                var at = IndexIn(_chunks[c], price);
                if (at >= 0)
                {
                    RemoveAt(c, at);
                }
            }

            return;
        }

        if (c == _chunks.Count)
        {
            // Worse than every level: append.
            if (c == 0 || _chunks[c - 1].Count == LevelChunk.Capacity)
            {
                _chunks.Add(new LevelChunk(_epoch));
                c = _chunks.Count - 1;
            }
            else
            {
                c--;
            }

            InsertAt(c, _chunks[c].Count, new PriceLevel(price, quantity));
            return;
        }

        var index = IndexIn(_chunks[c], price);
        if (index >= 0)
        {
            var chunk = Writable(c);
            chunk.Items[index] = chunk.Items[index] with { Quantity = quantity };
            _published = null;
            return;
        }

        InsertAt(c, ~index, new PriceLevel(price, quantity));
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
        if (_count == 0)
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

        if (_count == 0)
        {
            return _published = LevelList.Empty;
        }

        var chunks = _chunks.ToArray();
        var ends = new int[chunks.Length];
        var end = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            end += chunks[i].Count;
            ends[i] = end;
        }

        _epoch++;
        return _published = new LevelList(chunks, ends, _count);
    }

    /// <summary>Copies the levels, best first, into a new array.</summary>
    public PriceLevel[] ToArray() => [.. Publish()];

    /// <summary>Removes every level.</summary>
    public void Clear()
    {
        // Published chunks stay as they are (readers may hold them); the writer starts a new list.
        _chunks.Clear();
        _count = 0;
        _published = null;
    }

    /// <summary>Negative when <paramref name="a"/> comes before (is better than) <paramref name="b"/>.</summary>
    private int Compare(decimal a, decimal b) => _isBid ? b.CompareTo(a) : a.CompareTo(b);

    /// <summary>The first chunk whose last level is not before <paramref name="price"/>; the chunk count if none.</summary>
    private int FindChunk(decimal price)
    {
        var chunks = _chunks;
        if (chunks.Count == 0 || Compare(chunks[0].Items[chunks[0].Count - 1].Price, price) >= 0)
        {
            // Most updates are near the top of the book.
            return 0;
        }

        int low = 1, high = chunks.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var chunk = chunks[mid];
            if (Compare(chunk.Items[chunk.Count - 1].Price, price) >= 0)
            {
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    /// <summary>The index of <paramref name="price"/> in <paramref name="chunk"/>, or the complement of where it goes.</summary>
    private int IndexIn(LevelChunk chunk, decimal price)
    {
        int low = 0, high = chunk.Count - 1;
        var items = chunk.Items;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = Compare(items[mid].Price, price);
            if (order == 0)
            {
                return mid;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
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

    private void InsertAt(int c, int index, PriceLevel level)
    {
        var chunk = Writable(c);
        if (chunk.Count == LevelChunk.Capacity)
        {
            // Split: the upper half moves to a new chunk after this one.
            const int half = LevelChunk.Capacity / 2;
            var upper = new LevelChunk(_epoch) { Count = LevelChunk.Capacity - half };
            Array.Copy(chunk.Items, half, upper.Items, 0, upper.Count);
            chunk.Count = half;
            _chunks.Insert(c + 1, upper);
            if (index > half)
            {
                chunk = upper;
                index -= half;
            }
        }

        Array.Copy(chunk.Items, index, chunk.Items, index + 1, chunk.Count - index);
        chunk.Items[index] = level;
        chunk.Count++;
        _count++;
        _published = null;
    }

    private void RemoveAt(int c, int index)
    {
        var chunk = Writable(c);
        chunk.Count--;
        Array.Copy(chunk.Items, index + 1, chunk.Items, index, chunk.Count - index);
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(c);
        }

        _count--;
        _published = null;
    }
}

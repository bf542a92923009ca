using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// A run of up to <see cref="Capacity"/> consecutive levels of one side, best first. The writer changes a chunk in place
/// only while it is newer than the last publication (<see cref="Epoch"/> equals the side's epoch); a published chunk is
/// frozen for good (items and count), and the writer copies it before its next change (copy on write), so snapshots share
/// every chunk the writer has not touched since.
/// </summary>
internal sealed class LevelChunk
{
    /// <summary>The most levels in a chunk; a full chunk splits in two on insert.</summary>
    public const int Capacity = 32;

    public LevelChunk(long epoch)
    {
        Items = new PriceLevel[Capacity];
        Epoch = epoch;
    }

    /// <summary>The levels, best first; only the first <see cref="Count"/> are used.</summary>
    public PriceLevel[] Items { get; }

    /// <summary>The number of levels.</summary>
    public int Count { get; set; }

    /// <summary>The side's publication epoch in which this chunk was made; older chunks are frozen.</summary>
    public long Epoch { get; }

    /// <summary>A writable copy for epoch <paramref name="epoch"/>.</summary>
    public LevelChunk Clone(long epoch)
    {
        var copy = new LevelChunk(epoch) { Count = Count };
        Array.Copy(Items, copy.Items, Count);
        return copy;
    }
}

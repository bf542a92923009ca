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
    /// <remarks>
    /// Small, because a quiet stream copies every chunk its update touched (16 levels, 512 bytes); not smaller, because a
    /// publication copies one reference and one count per chunk (8 and 32 measured slower on the 2,000-level book).
    /// </remarks>
    public const int Capacity = 16;

    /// <summary>The levels, best first; only the first <see cref="Count"/> are used.</summary>
    /// <remarks>A field, so the inline array is indexed in place.</remarks>
    public ChunkLevels Items;

    public LevelChunk(long epoch)
    {
        Epoch = epoch;
    }

    /// <summary>The number of levels.</summary>
    public int Count { get; set; }

    /// <summary>The side's publication epoch in which this chunk was made; older chunks are frozen.</summary>
    public long Epoch { get; }

    /// <summary>A writable copy for epoch <paramref name="epoch"/>.</summary>
    public LevelChunk Clone(long epoch) => new(epoch) { Items = Items, Count = Count };
}

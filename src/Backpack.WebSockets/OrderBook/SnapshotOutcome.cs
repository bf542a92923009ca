namespace Backpack.WebSockets.OrderBook;

/// <summary>What <see cref="OrderBookSynchronizer.OnSnapshot"/> made of a REST snapshot.</summary>
internal enum SnapshotOutcome
{
    /// <summary>The book is synced: the snapshot plus the buffered updates after it.</summary>
    Synced,

    /// <summary>The snapshot is older than the first buffered update (<c>lastUpdateId &lt; U - 1</c>): fetch again.</summary>
    TooOld,

    /// <summary>The snapshot plus the buffered updates is a crossed book: the buffer was cleared; start over.</summary>
    Crossed,

    /// <summary>The book was already synced; the snapshot was not used.</summary>
    AlreadySynced,

    /// <summary>The snapshot was fetched before a resync (an older generation): it was not used.</summary>
    Discarded,
}

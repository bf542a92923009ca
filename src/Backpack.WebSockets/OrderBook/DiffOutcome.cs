namespace Backpack.WebSockets.OrderBook;

/// <summary>What <see cref="OrderBookSynchronizer.OnDiff"/> did with a depth update.</summary>
internal enum DiffOutcome
{
    /// <summary>Applied to the synced book.</summary>
    Applied,

    /// <summary>Already covered (<c>u</c> at or below the book's or buffer's last id): nothing changed.</summary>
    Ignored,

    /// <summary>Not synced: kept in the buffer until a snapshot covers it.</summary>
    Buffered,

    /// <summary>The synced book had a gap: it is now unsynced, with this update as the first buffered one.</summary>
    Gap,

    /// <summary>Applying the update crossed the book: it is now unsynced with an empty buffer.</summary>
    Crossed,
}

namespace Backpack.WebSockets.OrderBook;

/// <summary>Whether a <see cref="BackpackOrderBook"/> can be trusted right now.</summary>
public enum OrderBookState
{
    /// <summary>Not yet in sync: buffering depth updates and waiting for a REST snapshot that covers them. The book has no levels.</summary>
    Syncing = 0,

    /// <summary>In sync: the levels are exactly the exchange's book as of <see cref="OrderBookSnapshot.LastUpdateId"/>.</summary>
    Synced,

    /// <summary>
    /// Was in sync, but a gap, a crossed book, dropped updates or a lost connection broke it; a resync from a fresh snapshot
    /// is under way. The book has no levels until it is <see cref="Synced"/> again. A book that stopped with an error it
    /// cannot recover from (see <see cref="BackpackOrderBook.WatchAsync"/>) stays here.
    /// </summary>
    Stale,
}

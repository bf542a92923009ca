using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// An immutable copy of a <see cref="BackpackOrderBook"/> at one update id: never half of a depth update, never changed
/// after it was taken.
/// </summary>
/// <remarks>
/// Only a <see cref="OrderBookState.Synced"/> snapshot has levels; a <see cref="OrderBookState.Syncing"/> or
/// <see cref="OrderBookState.Stale"/> one is empty, so a broken book can never be read by mistake. Safe to share between
/// threads.
/// </remarks>
public sealed class OrderBookSnapshot
{
    private readonly LevelList _bids;
    private readonly LevelList _asks;

    internal OrderBookSnapshot(OrderBookState state, long lastUpdateId, long version, LevelList bids, LevelList asks, int resyncCount = 0)
    {
        State = state;
        LastUpdateId = lastUpdateId;
        Version = version;
        ResyncCount = resyncCount;
        _bids = bids;
        _asks = asks;
    }

    /// <summary>The book's state when the snapshot was taken.</summary>
    public OrderBookState State { get; }

    /// <summary>
    /// The id of the last depth update in the book (<c>u</c>), or of the REST snapshot when no update followed it yet; 0
    /// before the first sync. While not synced, the id the book had reached before it broke.
    /// </summary>
    public long LastUpdateId { get; }

    /// <summary>Bid levels, best (highest price) first.</summary>
    public IReadOnlyList<PriceLevel> Bids => _bids;

    /// <summary>Ask levels, best (lowest price) first.</summary>
    public IReadOnlyList<PriceLevel> Asks => _asks;

    /// <summary>The best bid, or <see langword="null"/> when the book has no bids (or is not synced).</summary>
    public PriceLevel? BestBid => _bids.Count > 0 ? _bids[0] : null;

    /// <summary>The best ask, or <see langword="null"/> when the book has no asks (or is not synced).</summary>
    public PriceLevel? BestAsk => _asks.Count > 0 ? _asks[0] : null;

    /// <summary>Increases with every publication of the book; tells watchers whether anything changed.</summary>
    internal long Version { get; }

    /// <summary>The book's resync count at this publication: read with <see cref="State"/> from one object, never torn.</summary>
    internal int ResyncCount { get; }

    /// <summary>Describes the snapshot in one line, for debugging.</summary>
    /// <returns>The state, update id, best levels and level counts.</returns>
    public override string ToString() =>
        $"{State} @{LastUpdateId}: bid {BestBid?.ToString() ?? "-"}, ask {BestAsk?.ToString() ?? "-"} ({_bids.Count} bids, {_asks.Count} asks)";

    /// <summary>The same snapshot cut to at most <paramref name="depth"/> levels per side; shares the levels, copies nothing.</summary>
    internal OrderBookSnapshot Take(int depth) =>
        depth >= _bids.Count && depth >= _asks.Count ? this : new OrderBookSnapshot(State, LastUpdateId, Version, _bids.Take(depth), _asks.Take(depth), ResyncCount);
}

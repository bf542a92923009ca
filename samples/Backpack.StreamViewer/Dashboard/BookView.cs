using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer;

/// <summary>The top levels of a book, best first on both sides, with its state.</summary>
/// <param name="State">Synced, or waiting for a snapshot.</param>
/// <param name="LastUpdateId">The last update applied.</param>
/// <param name="Resyncs">How often the book was rebuilt from a snapshot after a gap, a drop or a reconnect.</param>
/// <param name="Bids">Best (highest) first.</param>
/// <param name="Asks">Best (lowest) first.</param>
internal sealed record BookView(OrderBookState State, long LastUpdateId, int Resyncs, IReadOnlyList<PriceLevel> Bids, IReadOnlyList<PriceLevel> Asks)
{
    public PriceLevel? BestBid => Bids.Count > 0 ? Bids[0] : null;

    public PriceLevel? BestAsk => Asks.Count > 0 ? Asks[0] : null;

    /// <summary>Best ask minus best bid, when both sides have a level.</summary>
    public decimal? Spread => BestBid is { } bid && BestAsk is { } ask ? ask.Price - bid.Price : null;

    /// <summary>The view of one immutable book snapshot: its levels, state and update id always belong together.</summary>
    public static BookView From(OrderBookSnapshot snapshot, int resyncs) =>
        new(snapshot.State, snapshot.LastUpdateId, resyncs, snapshot.Bids, snapshot.Asks);
}

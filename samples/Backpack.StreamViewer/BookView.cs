using Backpack.WebSockets.Models;

namespace Backpack.StreamViewer;

/// <summary>A copy of the top of the local book, taken under its lock, for rendering.</summary>
/// <param name="IsSynced">Whether the book is synchronized (otherwise the levels are empty).</param>
/// <param name="LastUpdateId">The last update id applied.</param>
/// <param name="Bids">Best bid first.</param>
/// <param name="Asks">Best ask first.</param>
/// <param name="Resyncs">How many times the book had to be rebuilt from a snapshot after a gap.</param>
internal sealed record BookView(bool IsSynced, long LastUpdateId, IReadOnlyList<PriceLevel> Bids, IReadOnlyList<PriceLevel> Asks, int Resyncs);

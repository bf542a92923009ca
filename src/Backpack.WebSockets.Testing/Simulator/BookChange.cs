namespace Backpack.WebSockets.Testing;

/// <summary>One level change made by an engine update: enough to publish it and to roll it back.</summary>
/// <param name="IsBid">Whether the level is a bid.</param>
/// <param name="Ticks">The price in ticks.</param>
/// <param name="OldLots">The quantity before, 0 if the level did not exist.</param>
/// <param name="NewLots">The quantity after, 0 if the level was removed.</param>
internal readonly record struct BookChange(bool IsBid, long Ticks, long OldLots, long NewLots);

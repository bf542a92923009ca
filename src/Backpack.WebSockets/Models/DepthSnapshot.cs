namespace Backpack.WebSockets.Models;

/// <summary>A REST order-book snapshot (<c>GET /api/v1/depth</c>): the levels in any order and the update id they reflect.</summary>
/// <param name="LastUpdateId">The id of the last update included.</param>
/// <param name="Bids">Bid levels (the API sends them ascending, best last).</param>
/// <param name="Asks">Ask levels (ascending, best first).</param>
internal sealed record DepthSnapshot(long LastUpdateId, IReadOnlyList<PriceLevel> Bids, IReadOnlyList<PriceLevel> Asks);

using Backpack.WebSockets.Models;

namespace Backpack.StreamViewer;

/// <summary>A REST order-book snapshot: both sides as the API returns them, and the update id it reflects.</summary>
internal sealed record DepthSnapshot(long LastUpdateId, IReadOnlyList<PriceLevel> Bids, IReadOnlyList<PriceLevel> Asks);

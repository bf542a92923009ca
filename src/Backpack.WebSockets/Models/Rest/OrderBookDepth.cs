namespace Backpack.WebSockets.Models;

/// <summary>A REST order-book snapshot (<c>GET /api/v1/depth</c>, spec §8.1).</summary>
/// <remarks>Both sides come as the API sends them: ascending by price, so asks are best first and bids best <b>last</b>.</remarks>
public sealed record OrderBookDepth
{
    /// <summary>The id of the last depth update the snapshot includes (<c>lastUpdateId</c>).</summary>
    public long LastUpdateId { get; init; }

    /// <summary>The engine time of the snapshot (<c>timestamp</c>, UTC, from microseconds); <see langword="null"/> when absent.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Bid levels, ascending by price (best last).</summary>
    public IReadOnlyList<PriceLevel> Bids { get; init; } = [];

    /// <summary>Ask levels, ascending by price (best first).</summary>
    public IReadOnlyList<PriceLevel> Asks { get; init; } = [];
}

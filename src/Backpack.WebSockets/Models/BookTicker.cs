namespace Backpack.WebSockets.Models;

/// <summary>The best bid and ask of a market, from <c>bookTicker.&lt;symbol&gt;</c>; pushed on every top-of-book change.</summary>
public sealed record BookTicker
{
    /// <summary>The market symbol (<c>s</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The best bid price (<c>b</c>).</summary>
    public decimal BestBidPrice { get; init; }

    /// <summary>The quantity at the best bid (<c>B</c>), in the base asset.</summary>
    public decimal BestBidQuantity { get; init; }

    /// <summary>The best ask price (<c>a</c>).</summary>
    public decimal BestAskPrice { get; init; }

    /// <summary>The quantity at the best ask (<c>A</c>), in the base asset.</summary>
    public decimal BestAskQuantity { get; init; }

    /// <summary>
    /// The order-book update id of this change (<c>u</c>): the same sequence as <see cref="DepthUpdate.LastUpdateId"/>, but not
    /// contiguous (changes that do not move the top of book are skipped).
    /// </summary>
    public long UpdateId { get; init; }
}

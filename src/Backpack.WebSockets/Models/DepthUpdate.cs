namespace Backpack.WebSockets.Models;

/// <summary>
/// An incremental order-book change from <c>depth.&lt;symbol&gt;</c> or an aggregated <c>depth.&lt;interval&gt;.&lt;symbol&gt;</c> stream.
/// </summary>
/// <remarks>
/// Levels carry absolute quantities, not deltas. Events chain: each <see cref="FirstUpdateId"/> is the previous
/// event's <see cref="LastUpdateId"/> + 1; anything else is a gap and the local book must be resynchronized.
/// Record equality compares <see cref="Bids"/> and <see cref="Asks"/> by reference, not by content.
/// </remarks>
public sealed record DepthUpdate
{
    /// <summary>The market symbol (<c>s</c>), for example <c>SOL_USDC</c>.</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time of the last engine event included (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The first order-book update id in this event (<c>U</c>).</summary>
    public long FirstUpdateId { get; init; }

    /// <summary>The last order-book update id in this event (<c>u</c>); equal to <see cref="FirstUpdateId"/> unless updates were merged.</summary>
    public long LastUpdateId { get; init; }

    /// <summary>Changed bid levels (<c>b</c>) in wire order; a <see cref="PriceLevel.Quantity"/> of 0 means remove the level. May be empty.</summary>
    public IReadOnlyList<PriceLevel> Bids { get; init; } = [];

    /// <summary>Changed ask levels (<c>a</c>) in wire order; a <see cref="PriceLevel.Quantity"/> of 0 means remove the level. May be empty.</summary>
    public IReadOnlyList<PriceLevel> Asks { get; init; } = [];
}

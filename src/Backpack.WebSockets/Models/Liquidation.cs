namespace Backpack.WebSockets.Models;

/// <summary>A liquidation on any market, from the global <c>liquidation</c> stream.</summary>
public sealed record Liquidation
{
    /// <summary>The market symbol (<c>s</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The liquidation price (<c>p</c>).</summary>
    public decimal Price { get; init; }

    /// <summary>The liquidated quantity (<c>q</c>), in the base asset.</summary>
    public decimal Quantity { get; init; }

    /// <summary>The side of the liquidation order (<c>S</c>).</summary>
    public Side Side { get; init; }
}

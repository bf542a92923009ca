namespace Backpack.WebSockets.Models;

/// <summary>
/// The state of one open futures position, from <c>account.positionUpdate[.&lt;symbol&gt;]</c>. Right after subscribing the
/// server sends each open position once as a <see cref="PositionEventType.Snapshot"/> (nothing at all when flat).
/// </summary>
/// <remarks>The deprecated <c>l</c> placeholder (always 0) is not surfaced; query the liquidation price over REST.</remarks>
public sealed record PositionUpdate
{
    /// <summary>What happened (<c>e</c>); <see cref="PositionEventType.Snapshot"/> when the frame has no <c>e</c>.</summary>
    public PositionEventType EventType { get; init; }

    /// <summary>The market symbol (<c>s</c>), for example <c>SOL_USDC_PERP</c>.</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The position id (<c>i</c>).</summary>
    public long PositionId { get; init; }

    /// <summary>The break-even price (<c>b</c>).</summary>
    public decimal BreakEvenPrice { get; init; }

    /// <summary>The entry price (<c>B</c>).</summary>
    public decimal EntryPrice { get; init; }

    /// <summary>The initial margin fraction (<c>f</c>).</summary>
    public decimal InitialMarginFraction { get; init; }

    /// <summary>The mark price (<c>M</c>).</summary>
    public decimal MarkPrice { get; init; }

    /// <summary>The maintenance margin fraction (<c>m</c>).</summary>
    public decimal MaintenanceMarginFraction { get; init; }

    /// <summary>The net quantity (<c>q</c>) in the base asset: positive for long, negative for short.</summary>
    public decimal NetQuantity { get; init; }

    /// <summary>The net exposure quantity including open orders (<c>Q</c>).</summary>
    public decimal NetExposureQuantity { get; init; }

    /// <summary>The net exposure notional (<c>n</c>), in the quote asset.</summary>
    public decimal NetExposureNotional { get; init; }

    /// <summary>The realized profit and loss (<c>p</c>), in the quote asset.</summary>
    public decimal RealizedPnl { get; init; }

    /// <summary>The unrealized profit and loss (<c>P</c>), in the quote asset.</summary>
    public decimal UnrealizedPnl { get; init; }
}

namespace Backpack.WebSockets.Models;

/// <summary>The event of a position update (wire field <c>e</c>).</summary>
public enum PositionEventType
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary>The frame had no <c>e</c>: one of the open positions the server sends right after subscribing.</summary>
    Snapshot,

    /// <summary><c>positionAdjusted</c>: an open position changed.</summary>
    PositionAdjusted,

    /// <summary><c>positionOpened</c>: a position was opened.</summary>
    PositionOpened,

    /// <summary><c>positionClosed</c>: a position was closed.</summary>
    PositionClosed,
}

namespace Backpack.WebSockets.Models;

/// <summary>The event of an order update (wire field <c>e</c>).</summary>
public enum OrderEventType
{
    /// <summary>A value this library does not know yet, or the frame had no <c>e</c>.</summary>
    Unknown = 0,

    /// <summary><c>orderAccepted</c>: the order was accepted by the matching engine.</summary>
    OrderAccepted,

    /// <summary><c>orderCancelled</c>: the order was cancelled.</summary>
    OrderCancelled,

    /// <summary><c>orderExpired</c>: the order expired; see <see cref="OrderUpdate.ExpiryReason"/>.</summary>
    OrderExpired,

    /// <summary><c>orderFill</c>: the order was (partially) filled; the fill fields are set.</summary>
    OrderFill,

    /// <summary><c>orderModified</c>: a resting reduce-only order's quantity was reduced to avoid flipping the position.</summary>
    OrderModified,

    /// <summary><c>triggerPlaced</c>: a trigger order's trigger fired and the order was placed.</summary>
    TriggerPlaced,

    /// <summary><c>triggerFailed</c>: a trigger order's trigger fired but the order could not be placed.</summary>
    TriggerFailed,
}

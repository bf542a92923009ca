namespace Backpack.WebSockets.Models;

/// <summary>The status of an order (wire field <c>X</c> of an order update).</summary>
public enum OrderStatus
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary><c>New</c>: resting, nothing filled.</summary>
    New,

    /// <summary><c>PartiallyFilled</c>: resting, partly filled.</summary>
    PartiallyFilled,

    /// <summary><c>Filled</c>: completely filled.</summary>
    Filled,

    /// <summary><c>Cancelled</c>: cancelled.</summary>
    Cancelled,

    /// <summary><c>Expired</c>: expired.</summary>
    Expired,

    /// <summary><c>TriggerPending</c>: a trigger order waiting for its trigger.</summary>
    TriggerPending,

    /// <summary><c>TriggerFailed</c>: a trigger order whose placement failed.</summary>
    TriggerFailed,
}

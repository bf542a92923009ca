namespace Backpack.WebSockets.Models;

/// <summary>How long an order stays active (wire field <c>f</c> of an order update).</summary>
public enum TimeInForce
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary><c>GTC</c>: good until cancelled.</summary>
    GoodTillCancelled,

    /// <summary><c>IOC</c>: immediate or cancel; the unfilled rest is cancelled.</summary>
    ImmediateOrCancel,

    /// <summary><c>FOK</c>: fill or kill; filled completely at once or cancelled.</summary>
    FillOrKill,
}

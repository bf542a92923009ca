namespace Backpack.WebSockets.Models;

/// <summary>The status of an RFQ or quote (wire field <c>X</c> of an RFQ update).</summary>
public enum RfqStatus
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary><c>New</c>: open.</summary>
    New,

    /// <summary><c>Cancelled</c>: cancelled or expired.</summary>
    Cancelled,

    /// <summary><c>Filled</c>: filled.</summary>
    Filled,
}

namespace Backpack.WebSockets.Models;

/// <summary>What the engine does when an order would trade against the same account (wire field <c>V</c>).</summary>
public enum SelfTradePrevention
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary><c>RejectTaker</c>: the incoming (taker) order is rejected.</summary>
    RejectTaker,

    /// <summary><c>RejectMaker</c>: the resting (maker) order is cancelled.</summary>
    RejectMaker,

    /// <summary><c>RejectBoth</c>: both orders are cancelled.</summary>
    RejectBoth,

    /// <summary><c>Allow</c>: self-trades are allowed.</summary>
    Allow,
}

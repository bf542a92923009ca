namespace Backpack.WebSockets.Models;

/// <summary>The trading state of a market's order book (<c>orderBookState</c> of <c>GET /api/v1/markets</c>).</summary>
public enum MarketOrderBookState
{
    /// <summary>A state this version does not know.</summary>
    Unknown = 0,

    /// <summary>Trading normally.</summary>
    Open,

    /// <summary>Closed: no trading, and streams of the market stay silent.</summary>
    Closed,

    /// <summary>Only cancels are accepted.</summary>
    CancelOnly,

    /// <summary>Only limit orders are accepted.</summary>
    LimitOnly,

    /// <summary>Only post-only orders are accepted.</summary>
    PostOnly,
}

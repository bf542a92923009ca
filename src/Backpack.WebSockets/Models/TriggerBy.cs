namespace Backpack.WebSockets.Models;

/// <summary>The price a trigger (or take-profit / stop-loss) watches.</summary>
public enum TriggerBy
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary><c>LastPrice</c>: the last traded price.</summary>
    LastPrice,

    /// <summary><c>MarkPrice</c>: the mark price.</summary>
    MarkPrice,

    /// <summary><c>IndexPrice</c>: the index price.</summary>
    IndexPrice,
}

namespace Backpack.WebSockets.Models;

/// <summary>Open interest of a perpetual market from <c>openInterest.&lt;symbol&gt;</c>, pushed every 60 seconds. The stream sends no engine time.</summary>
public sealed record OpenInterest
{
    /// <summary>The market symbol (<c>s</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>The open interest in contracts (<c>o</c>).</summary>
    public decimal Quantity { get; init; }
}

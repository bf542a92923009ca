namespace Backpack.WebSockets.Models;

/// <summary>Rolling 24-hour statistics from <c>ticker.&lt;symbol&gt;</c>, pushed every second. The stream sends no engine time.</summary>
public sealed record Ticker
{
    /// <summary>The market symbol (<c>s</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>The first price of the 24-hour window (<c>o</c>).</summary>
    public decimal Open { get; init; }

    /// <summary>The last price (<c>c</c>).</summary>
    public decimal Close { get; init; }

    /// <summary>The highest price of the window (<c>h</c>).</summary>
    public decimal High { get; init; }

    /// <summary>The lowest price of the window (<c>l</c>).</summary>
    public decimal Low { get; init; }

    /// <summary>The traded volume of the window in the base asset (<c>v</c>); <see langword="null"/> when the exchange sends <c>null</c> (spec §6.4).</summary>
    public decimal? BaseVolume { get; init; }

    /// <summary>The traded volume of the window in the quote asset (<c>V</c>).</summary>
    public decimal QuoteVolume { get; init; }

    /// <summary>The number of trades in the window (<c>n</c>).</summary>
    public long TradeCount { get; init; }
}

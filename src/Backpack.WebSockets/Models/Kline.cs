namespace Backpack.WebSockets.Models;

/// <summary>
/// A candle from <c>kline.&lt;interval&gt;.&lt;symbol&gt;</c>: pushed when it changes (at most once a second) and once more with
/// <see cref="IsClosed"/> set when it closes. The stream sends no quote volume and no engine time.
/// </summary>
public sealed record Kline
{
    /// <summary>The market symbol (<c>s</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>The candle length, taken from the stream name (the payload has no interval field).</summary>
    public KlineInterval Interval { get; init; }

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>The candle start (<c>t</c>, UTC, from a zone-less ISO-8601 string); the key of the candle.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>The candle end, exclusive: the start of the next candle (<c>T</c>, UTC, from a zone-less ISO-8601 string).</summary>
    public DateTimeOffset EndTime { get; init; }

    /// <summary>The first price (<c>o</c>); <see langword="null"/> for a candle without trades.</summary>
    public decimal? Open { get; init; }

    /// <summary>The highest price (<c>h</c>); <see langword="null"/> for a candle without trades.</summary>
    public decimal? High { get; init; }

    /// <summary>The lowest price (<c>l</c>); <see langword="null"/> for a candle without trades.</summary>
    public decimal? Low { get; init; }

    /// <summary>The last price (<c>c</c>); <see langword="null"/> for a candle without trades.</summary>
    public decimal? Close { get; init; }

    /// <summary>
    /// The traded volume in the base asset (<c>v</c>); <see langword="null"/> for a candle without trades (the live
    /// exchange closes an empty candle with <c>o</c>, <c>h</c>, <c>l</c>, <c>c</c> and <c>v</c> all <c>null</c>).
    /// </summary>
    public decimal? Volume { get; init; }

    /// <summary>The number of trades (<c>n</c>).</summary>
    public long TradeCount { get; init; }

    /// <summary>Whether the candle is final (<c>X</c>).</summary>
    public bool IsClosed { get; init; }
}

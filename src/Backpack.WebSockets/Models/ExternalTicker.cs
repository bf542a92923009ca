namespace Backpack.WebSockets.Models;

/// <summary>
/// Rolling 24-hour statistics from an external data provider, from <c>externalTicker.&lt;symbol&gt;</c> (spec §6.9; the
/// venue-only statistics stay on <see cref="Ticker"/>).
/// </summary>
/// <remarks>
/// The exchange has published no field list or example frame for this stream: the keys are the ones community consumers
/// read, the same single letters as <c>ticker</c>. So every value is optional: a frame that lacks a key, or sends it as
/// <c>null</c>, still arrives, with that property <see langword="null"/>.
/// </remarks>
public sealed record ExternalTicker
{
    /// <summary>The market symbol (<c>s</c>), for example <c>MU.US_USDC</c>; the stream name's symbol when the frame has none.</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds), if sent.</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>The first price of the 24-hour window (<c>o</c>).</summary>
    public decimal? Open { get; init; }

    /// <summary>The last price (<c>c</c>).</summary>
    public decimal? Close { get; init; }

    /// <summary>The highest price of the window (<c>h</c>).</summary>
    public decimal? High { get; init; }

    /// <summary>The lowest price of the window (<c>l</c>).</summary>
    public decimal? Low { get; init; }

    /// <summary>The volume of the window in the base asset (<c>v</c>).</summary>
    public decimal? BaseVolume { get; init; }

    /// <summary>The volume of the window in the quote asset (<c>V</c>).</summary>
    public decimal? QuoteVolume { get; init; }

    /// <summary>The number of trades in the window (<c>n</c>), if the provider sends one (no source shows it).</summary>
    public long? TradeCount { get; init; }
}

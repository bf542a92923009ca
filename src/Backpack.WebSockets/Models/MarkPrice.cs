namespace Backpack.WebSockets.Models;

/// <summary>Mark price and funding data from <c>markPrice.&lt;symbol&gt;</c> (perpetual and prediction markets).</summary>
public sealed record MarkPrice
{
    /// <summary>The market symbol (<c>s</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The mark price (<c>p</c>).</summary>
    public decimal Price { get; init; }

    /// <summary>
    /// The estimated funding rate (<c>f</c>), as sent (a plain fraction such as <c>0.0000125</c> is assumed; the unit is
    /// undocumented). <see langword="null"/> on prediction markets.
    /// </summary>
    public decimal? FundingRate { get; init; }

    /// <summary>The index price (<c>i</c>); <see langword="null"/> on prediction markets.</summary>
    public decimal? IndexPrice { get; init; }

    /// <summary>The next funding time (<c>n</c>, UTC, from <b>milliseconds</b>); <see langword="null"/> on prediction markets.</summary>
    public DateTimeOffset? NextFundingTime { get; init; }
}

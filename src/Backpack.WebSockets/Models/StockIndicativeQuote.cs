namespace Backpack.WebSockets.Models;

/// <summary>
/// What the exchange's stock quoter would settle an RFQ at now, for both sides, from
/// <c>stockIndicativeQuote.&lt;ticker&gt;</c>, about once a second (spec §6.11). Estimates: a fill may be better or worse,
/// never worse than the quoter's limit price.
/// </summary>
/// <remarks>
/// Only <c>estimatedBid</c>, <c>estimatedAsk</c> and <c>session</c> are known keys; the limit prices, availability and
/// reason the stream also carries have no confirmed keys and are skipped. Every value may be <see langword="null"/>.
/// </remarks>
public sealed record StockIndicativeQuote
{
    /// <summary>The bare stock ticker the stream was subscribed with, for example <c>NVDA</c> (from the stream name).</summary>
    public string Ticker { get; init; } = string.Empty;

    /// <summary>The estimated settle price for a <b>seller</b> of the stock (<c>estimatedBid</c>); <see langword="null"/> when no quote is available.</summary>
    public decimal? EstimatedBid { get; init; }

    /// <summary>The estimated settle price for a <b>buyer</b> of the stock (<c>estimatedAsk</c>); <see langword="null"/> when no quote is available.</summary>
    public decimal? EstimatedAsk { get; init; }

    /// <summary>The session the quoter prices in (<c>session</c>), as sent; <see langword="null"/> when it names none (market closed).</summary>
    public string? Session { get; init; }
}

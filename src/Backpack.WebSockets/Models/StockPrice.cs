namespace Backpack.WebSockets.Models;

/// <summary>
/// A provider-derived stock quote from <c>stockPrice.&lt;ticker&gt;</c> (spec §6.10): reference data, not a Backpack price
/// (there is no size and no venue book behind it).
/// </summary>
/// <remarks>
/// The exchange documents the fields (bid, ask, mid, source timestamp, session) and the timestamp's unit, but no example
/// frame; the key names are the ones community consumers read. Only <c>timestamp</c> is required.
/// </remarks>
public sealed record StockPrice
{
    /// <summary>The bare stock ticker the stream was subscribed with, for example <c>NVDA</c> (from the stream name).</summary>
    public string Ticker { get; init; } = string.Empty;

    /// <summary>The ticker as the payload names it (<c>symbol</c>), if sent.</summary>
    public string? Symbol { get; init; }

    /// <summary>The provider's source time of the quote (<c>timestamp</c>, UTC, from <b>milliseconds</b>: the documented exception to the microsecond rule).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The provider's bid (<c>bid</c>); <see langword="null"/> when the provider has none.</summary>
    public decimal? Bid { get; init; }

    /// <summary>The provider's ask (<c>ask</c>); <see langword="null"/> when the provider has none.</summary>
    public decimal? Ask { get; init; }

    /// <summary>The provider's mid price (<c>mid</c>); <see langword="null"/> when sent as <c>null</c> or not at all (a mid needs both sides).</summary>
    public decimal? Mid { get; init; }

    /// <summary>The trading session the quote belongs to (<c>session</c>), as sent; the set of values is undocumented. May be <see langword="null"/>.</summary>
    public string? Session { get; init; }
}

namespace Backpack.WebSockets.Models;

/// <summary>One market of <c>GET /api/v1/markets</c>. Fields the server leaves out or sends as <c>null</c> are <see langword="null"/>.</summary>
public sealed record Market
{
    /// <summary>The market symbol (<c>symbol</c>), for example <c>SOL_USDC</c>.</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>The base asset (<c>baseSymbol</c>).</summary>
    public string? BaseSymbol { get; init; }

    /// <summary>The quote asset (<c>quoteSymbol</c>).</summary>
    public string? QuoteSymbol { get; init; }

    /// <summary>The market type as sent (<c>marketType</c>): <c>SPOT</c>, <c>PERP</c>, <c>IPERP</c>, <c>DATED</c>, <c>PREDICTION</c>, <c>RFQ</c>.</summary>
    public string? MarketType { get; init; }

    /// <summary>Whether the book trades (<c>orderBookState</c>).</summary>
    public MarketOrderBookState OrderBookState { get; init; }

    /// <summary>The price increment (<c>filters.price.tickSize</c>).</summary>
    public decimal? TickSize { get; init; }

    /// <summary>The lowest price (<c>filters.price.minPrice</c>).</summary>
    public decimal? MinPrice { get; init; }

    /// <summary>The highest price (<c>filters.price.maxPrice</c>).</summary>
    public decimal? MaxPrice { get; init; }

    /// <summary>The quantity increment (<c>filters.quantity.stepSize</c>).</summary>
    public decimal? StepSize { get; init; }

    /// <summary>The smallest quantity (<c>filters.quantity.minQuantity</c>).</summary>
    public decimal? MinQuantity { get; init; }

    /// <summary>The largest quantity (<c>filters.quantity.maxQuantity</c>).</summary>
    public decimal? MaxQuantity { get; init; }

    /// <summary>When the market was listed (<c>createdAt</c>, naive UTC).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

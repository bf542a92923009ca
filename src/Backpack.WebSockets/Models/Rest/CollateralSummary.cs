namespace Backpack.WebSockets.Models;

/// <summary>
/// The margin account summary of <c>GET /api/v1/capital/collateral</c> (spec §9.5.2). No stream carries these numbers.
/// A value the server sends as <c>null</c> reads as 0, except <see cref="MarginFraction"/>.
/// </summary>
public sealed record CollateralSummary
{
    /// <summary>The value of all assets (<c>assetsValue</c>).</summary>
    public decimal AssetsValue { get; init; }

    /// <summary>The borrow liability (<c>borrowLiability</c>).</summary>
    public decimal BorrowLiability { get; init; }

    /// <summary>The collateral by asset (<c>collateral</c>).</summary>
    public IReadOnlyList<CollateralAsset> Collateral { get; init; } = [];

    /// <summary>The initial margin fraction (<c>imf</c>).</summary>
    public decimal Imf { get; init; }

    /// <summary>The maintenance margin fraction (<c>mmf</c>).</summary>
    public decimal Mmf { get; init; }

    /// <summary>The unsettled claim on the liquidity fund (<c>unsettledEquity</c>).</summary>
    public decimal UnsettledEquity { get; init; }

    /// <summary>The value of liabilities (<c>liabilitiesValue</c>).</summary>
    public decimal LiabilitiesValue { get; init; }

    /// <summary>The margin fraction (<c>marginFraction</c>); <see langword="null"/> on an account without positions.</summary>
    public decimal? MarginFraction { get; init; }

    /// <summary>The net equity (<c>netEquity</c>).</summary>
    public decimal NetEquity { get; init; }

    /// <summary>The net equity available (<c>netEquityAvailable</c>).</summary>
    public decimal NetEquityAvailable { get; init; }

    /// <summary>The net equity locked (<c>netEquityLocked</c>).</summary>
    public decimal NetEquityLocked { get; init; }

    /// <summary>The net futures exposure (<c>netExposureFutures</c>).</summary>
    public decimal NetExposureFutures { get; init; }

    /// <summary>The unrealized profit and loss (<c>pnlUnrealized</c>).</summary>
    public decimal PnlUnrealized { get; init; }
}

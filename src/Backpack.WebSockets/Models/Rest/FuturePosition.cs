namespace Backpack.WebSockets.Models;

/// <summary>
/// An open futures position from <c>GET /api/v1/position</c> (spec §9.5.2); the REST twin of <see cref="PositionUpdate"/>.
/// A decimal the server sends as <c>null</c> reads as 0, except the nullable ones.
/// </summary>
public sealed record FuturePosition
{
    /// <summary>The market (<c>symbol</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>The position id (<c>positionId</c>, a string on REST, an integer on the stream).</summary>
    public string? PositionId { get; init; }

    /// <summary>The net quantity: positive long, negative short (<c>netQuantity</c>).</summary>
    public decimal NetQuantity { get; init; }

    /// <summary>The net exposure quantity including open orders (<c>netExposureQuantity</c>).</summary>
    public decimal NetExposureQuantity { get; init; }

    /// <summary>The net exposure notional (<c>netExposureNotional</c>).</summary>
    public decimal NetExposureNotional { get; init; }

    /// <summary>The signed net cost (<c>netCost</c>).</summary>
    public decimal NetCost { get; init; }

    /// <summary>The entry price (<c>entryPrice</c>).</summary>
    public decimal EntryPrice { get; init; }

    /// <summary>The break-even price (<c>breakEvenPrice</c>).</summary>
    public decimal BreakEvenPrice { get; init; }

    /// <summary>The estimated liquidation price (<c>estLiquidationPrice</c>).</summary>
    public decimal EstLiquidationPrice { get; init; }

    /// <summary>The mark price (<c>markPrice</c>).</summary>
    public decimal MarkPrice { get; init; }

    /// <summary>The initial margin fraction (<c>imf</c>).</summary>
    public decimal Imf { get; init; }

    /// <summary>The maintenance margin fraction (<c>mmf</c>).</summary>
    public decimal Mmf { get; init; }

    /// <summary>The realized profit and loss (<c>pnlRealized</c>).</summary>
    public decimal PnlRealized { get; init; }

    /// <summary>The unrealized profit and loss (<c>pnlUnrealized</c>).</summary>
    public decimal PnlUnrealized { get; init; }

    /// <summary>The cumulative funding payment (<c>cumulativeFundingPayment</c>).</summary>
    public decimal CumulativeFundingPayment { get; init; }

    /// <summary>The cumulative interest (<c>cumulativeInterest</c>; being removed by the exchange).</summary>
    public decimal? CumulativeInterest { get; init; }

    /// <summary>The user id (<c>userId</c>).</summary>
    public long? UserId { get; init; }

    /// <summary>The subaccount id (<c>subaccountId</c>).</summary>
    public int? SubaccountId { get; init; }
}

namespace Backpack.WebSockets.Models;

/// <summary>One asset of <see cref="CollateralSummary.Collateral"/>. A value the server sends as <c>null</c> reads as 0.</summary>
public sealed record CollateralAsset
{
    /// <summary>The asset (<c>symbol</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>The asset's mark price (<c>assetMarkPrice</c>).</summary>
    public decimal AssetMarkPrice { get; init; }

    /// <summary>The quantity before haircut (<c>totalQuantity</c>).</summary>
    public decimal TotalQuantity { get; init; }

    /// <summary>Index price × balance, in USDC (<c>balanceNotional</c>).</summary>
    public decimal BalanceNotional { get; init; }

    /// <summary>The haircut weight (<c>collateralWeight</c>).</summary>
    public decimal CollateralWeight { get; init; }

    /// <summary>Index price × balance × weight (<c>collateralValue</c>).</summary>
    public decimal CollateralValue { get; init; }

    /// <summary>The quantity held by open orders (<c>openOrderQuantity</c>).</summary>
    public decimal OpenOrderQuantity { get; init; }

    /// <summary>The quantity lent (<c>lendQuantity</c>).</summary>
    public decimal LendQuantity { get; init; }

    /// <summary>The quantity available (<c>availableQuantity</c>).</summary>
    public decimal AvailableQuantity { get; init; }
}

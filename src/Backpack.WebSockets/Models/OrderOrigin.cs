namespace Backpack.WebSockets.Models;

/// <summary>Who or what placed an order (wire field <c>O</c>, spelled <c>USER</c>, <c>LIQUIDATION_AUTOCLOSE</c>, …; any case is accepted).</summary>
public enum OrderOrigin
{
    /// <summary>A value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary><c>USER</c>: placed by the account holder.</summary>
    User,

    /// <summary><c>LIQUIDATION_AUTOCLOSE</c>: placed by the liquidation engine.</summary>
    LiquidationAutoclose,

    /// <summary><c>ADL_AUTOCLOSE</c>: placed by auto-deleveraging.</summary>
    AdlAutoclose,

    /// <summary><c>COLLATERAL_CONVERSION</c>: placed to convert collateral.</summary>
    CollateralConversion,

    /// <summary><c>SETTLEMENT_AUTOCLOSE</c>: placed to close a position at settlement.</summary>
    SettlementAutoclose,

    /// <summary><c>BACKSTOP_LIQUIDITY_PROVIDER</c>: placed by a backstop liquidity provider.</summary>
    BackstopLiquidityProvider,
}

namespace Backpack.WebSockets.Models;

/// <summary>
/// The spot balance of one asset from <c>GET /api/v1/capital</c>; the REST twin of <see cref="BalanceUpdate"/>. Values are
/// absolute.
/// </summary>
public sealed record AssetBalance
{
    /// <summary>The asset (the object key), for example <c>USDC</c>.</summary>
    public string Asset { get; init; } = string.Empty;

    /// <summary>The available amount (<c>available</c>).</summary>
    public decimal Available { get; init; }

    /// <summary>The amount held by open orders (<c>locked</c>).</summary>
    public decimal Locked { get; init; }

    /// <summary>The staked amount (<c>staked</c>).</summary>
    public decimal Staked { get; init; }
}

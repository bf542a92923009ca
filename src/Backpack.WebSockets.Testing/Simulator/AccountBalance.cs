namespace Backpack.WebSockets.Testing;

/// <summary>The simulated account's balance of one asset.</summary>
internal sealed class AccountBalance
{
    /// <summary>The available amount.</summary>
    public decimal Available { get; set; }

    /// <summary>The amount locked in open orders.</summary>
    public decimal Locked { get; set; }
}

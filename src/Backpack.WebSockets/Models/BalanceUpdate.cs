namespace Backpack.WebSockets.Models;

/// <summary>
/// The balance of one asset after a change, from <c>account.balanceUpdate</c>. Values are absolute, not deltas; one
/// settlement can produce several updates, even for the same asset. Only changes are pushed: read the starting
/// balances over REST.
/// </summary>
public sealed record BalanceUpdate
{
    /// <summary>The asset (<c>a</c>), for example <c>USDC</c>.</summary>
    public string Asset { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The available amount (<c>A</c>).</summary>
    public decimal Available { get; init; }

    /// <summary>The amount locked in open orders (<c>L</c>).</summary>
    public decimal Locked { get; init; }

    /// <summary>The staked amount (<c>S</c>).</summary>
    public decimal Staked { get; init; }
}

using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Account;

/// <summary>One change of the tracked account, published by <see cref="BackpackAccountTracker.WatchAsync"/>.</summary>
/// <remarks>Exactly one of <see cref="Order"/>, <see cref="Fill"/>, <see cref="Position"/> and <see cref="Balance"/> is set, as <see cref="Kind"/> says.</remarks>
public sealed record AccountChange
{
    /// <summary>What changed.</summary>
    public AccountChangeKind Kind { get; init; }

    /// <summary>Whether the change came from a stream event or from a REST reconciliation.</summary>
    public AccountChangeSource Source { get; init; }

    /// <summary>When the tracker applied the change (its <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The order, for the order kinds.</summary>
    public Order? Order { get; init; }

    /// <summary>The fill, for <see cref="AccountChangeKind.Fill"/>.</summary>
    public Fill? Fill { get; init; }

    /// <summary>The position, for the position kinds.</summary>
    public FuturePosition? Position { get; init; }

    /// <summary>The balance, for <see cref="AccountChangeKind.BalanceUpdated"/>.</summary>
    public AssetBalance? Balance { get; init; }
}

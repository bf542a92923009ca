using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Account;

/// <summary>The tracked account at one moment: immutable, safe to keep and read from any thread.</summary>
public sealed class AccountSnapshot
{
    internal AccountSnapshot(
        AccountState state,
        IReadOnlyDictionary<string, Order> openOrders,
        IReadOnlyDictionary<string, FuturePosition> positions,
        IReadOnlyDictionary<string, AssetBalance> balances,
        DateTimeOffset asOf)
    {
        State = state;
        OpenOrders = openOrders;
        Positions = positions;
        Balances = balances;
        AsOf = asOf;
    }

    /// <summary>The tracker's state when the snapshot was taken; only <see cref="AccountState.Synced"/> is known to be complete.</summary>
    public AccountState State { get; }

    /// <summary>The orders resting on the book (and pending triggers), by order id.</summary>
    public IReadOnlyDictionary<string, Order> OpenOrders { get; }

    /// <summary>The open futures positions, by symbol. Fields the stream does not carry keep the value last read over REST.</summary>
    public IReadOnlyDictionary<string, FuturePosition> Positions { get; }

    /// <summary>The balances, by asset (absolute values).</summary>
    public IReadOnlyDictionary<string, AssetBalance> Balances { get; }

    /// <summary>When the last change was applied (the tracker's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>Returns the state and counts, for debugging.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"{State} as of {AsOf:O}: {OpenOrders.Count} open order(s), {Positions.Count} position(s), {Balances.Count} balance(s)";
}

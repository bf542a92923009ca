using Backpack.WebSockets.Account;

namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestAccount
{
    /// <summary>
    /// Where a tracker's view of the account differs from this account: open orders (status, executed quantity, quantity,
    /// price), balances, and positions (net quantity, entry price); for tests of <see cref="BackpackAccountTracker"/>.
    /// </summary>
    /// <param name="snapshot">The tracker's snapshot (<see cref="BackpackAccountTracker.GetSnapshot"/>).</param>
    /// <returns>A short description of the first difference (<c>orders</c>, <c>balances</c>, <c>positions</c>), or <see langword="null"/> when they agree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public string? FindDifference(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var exchangeOrders = OpenOrders.ToDictionary(o => o.Id, o => (o.Status, o.ExecutedQuantity, o.Quantity, o.Price));
        var trackedOrders = snapshot.OpenOrders.Values.ToDictionary(o => o.Id, o => (o.Status, o.ExecutedQuantity, o.Quantity, o.Price));
        if (!Same(exchangeOrders, trackedOrders))
        {
            return "orders";
        }

        if (!Same(Balances.ToDictionary(), snapshot.Balances.ToDictionary()))
        {
            return "balances";
        }

        var exchangePositions = Positions.ToDictionary(p => p.Symbol, p => (p.NetQuantity, p.EntryPrice));
        var trackedPositions = snapshot.Positions.Values.ToDictionary(p => p.Symbol, p => (p.NetQuantity, p.EntryPrice));
        return Same(exchangePositions, trackedPositions) ? null : "positions";
    }

    private static bool Same<TValue>(Dictionary<string, TValue> a, Dictionary<string, TValue> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && EqualityComparer<TValue>.Default.Equals(pair.Value, other));
}

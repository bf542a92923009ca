using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Account;

/// <summary>Everything one reconciliation read over REST, merged at once or not at all.</summary>
/// <param name="OpenOrders">The open orders.</param>
/// <param name="Balances">The balances.</param>
/// <param name="BalancesSentAfter">How many stream events had arrived when the balances request that was kept was sent.</param>
/// <param name="Positions">The open positions.</param>
/// <param name="ClosedOrders">The final state, from the order history, of orders known as open that REST no longer lists.</param>
/// <param name="Fills">The fill history since the last event seen (less the look-back).</param>
internal sealed record AccountRestSnapshot(
    IReadOnlyList<Order> OpenOrders,
    IReadOnlyDictionary<string, AssetBalance> Balances,
    long BalancesSentAfter,
    IReadOnlyList<FuturePosition> Positions,
    IReadOnlyList<Order> ClosedOrders,
    IReadOnlyList<Fill> Fills);

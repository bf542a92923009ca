namespace Backpack.WebSockets.Account;

/// <summary>What an <see cref="AccountChange"/> is about.</summary>
public enum AccountChangeKind
{
    /// <summary>An order became open (<see cref="AccountChange.Order"/>).</summary>
    OrderAdded = 0,

    /// <summary>An open order changed: filled partly, modified (<see cref="AccountChange.Order"/>).</summary>
    OrderUpdated,

    /// <summary>An order left the book: filled, cancelled, expired (<see cref="AccountChange.Order"/>, in its final state).</summary>
    OrderClosed,

    /// <summary>An order was filled (<see cref="AccountChange.Fill"/>); each trade is published once.</summary>
    Fill,

    /// <summary>A futures position opened or changed (<see cref="AccountChange.Position"/>).</summary>
    PositionUpdated,

    /// <summary>A futures position was closed (<see cref="AccountChange.Position"/>, flat).</summary>
    PositionClosed,

    /// <summary>An asset's balance changed (<see cref="AccountChange.Balance"/>, absolute values; all zero when the asset left the account).</summary>
    BalanceUpdated,
}

using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Account;

/// <summary>A stream event buffered while a snapshot is read; exactly one of the three is set.</summary>
/// <param name="Arrival">Its place in the order events arrived (1 for the first), to tell it from a REST request's window.</param>
/// <param name="Order">An order event.</param>
/// <param name="Position">A position event.</param>
/// <param name="Balance">A balance event.</param>
internal readonly record struct PendingEvent(long Arrival, OrderUpdate? Order, PositionUpdate? Position, BalanceUpdate? Balance);

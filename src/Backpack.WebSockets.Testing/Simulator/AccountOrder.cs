namespace Backpack.WebSockets.Testing;

/// <summary>The simulated account's resting limit order in one market.</summary>
internal sealed class AccountOrder(string id, bool isBid, long ticks, long lots)
{
    /// <summary>The order id (decimal string).</summary>
    public string Id { get; } = id;

    /// <summary>Whether it buys.</summary>
    public bool IsBid { get; } = isBid;

    /// <summary>The limit price in ticks.</summary>
    public long Ticks { get; } = ticks;

    /// <summary>The order quantity in lots.</summary>
    public long Lots { get; } = lots;

    /// <summary>When the order was placed (simulator engine time).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The quantity filled so far, in lots.</summary>
    public long FilledLots { get; set; }

    /// <summary>The quote quantity filled so far.</summary>
    public decimal FilledQuote { get; set; }

    /// <summary>The quantity still open, in lots.</summary>
    public long RemainingLots => Lots - FilledLots;
}

namespace Backpack.WebSockets.Testing;

/// <summary>A price-level book in whole ticks and lots, both sides keyed best first.</summary>
/// <remarks>Not thread-safe; the simulator guards it with its lock.</remarks>
internal sealed class SimulatedBook
{
    /// <summary>Orders bid prices from highest to lowest.</summary>
    private static readonly IComparer<long> s_descending = Comparer<long>.Create(static (x, y) => y.CompareTo(x));

    /// <summary>The bids: price in ticks to quantity in lots, highest price first.</summary>
    public SortedList<long, long> Bids { get; } = new(s_descending);

    /// <summary>The asks: price in ticks to quantity in lots, lowest price first.</summary>
    public SortedList<long, long> Asks { get; } = new();

    /// <summary>The best bid in ticks; the book always holds both sides.</summary>
    public long BestBid => Bids.Keys[0];

    /// <summary>The best ask in ticks.</summary>
    public long BestAsk => Asks.Keys[0];

    /// <summary>One side, best first.</summary>
    public SortedList<long, long> Side(bool isBid) => isBid ? Bids : Asks;

    /// <summary>Sets a level to an absolute quantity; 0 removes it.</summary>
    /// <returns>The quantity before, 0 if there was no level.</returns>
    public long Set(bool isBid, long ticks, long lots)
    {
        var side = Side(isBid);
        side.TryGetValue(ticks, out var old);
        if (lots == 0)
        {
            side.Remove(ticks);
        }
        else
        {
            side[ticks] = lots;
        }

        return old;
    }

    /// <summary>A deep copy.</summary>
    public SimulatedBook Clone()
    {
        var copy = new SimulatedBook();
        foreach (var (ticks, lots) in Bids)
        {
            copy.Bids.Add(ticks, lots);
        }

        foreach (var (ticks, lots) in Asks)
        {
            copy.Asks.Add(ticks, lots);
        }

        return copy;
    }

    /// <summary>The best <paramref name="depth"/> levels per side as a public snapshot.</summary>
    public BookSnapshot ToSnapshot(SimulatedMarket market, long lastUpdateId, int depth) =>
        new(market.Symbol, lastUpdateId, Levels(market, Bids, depth), Levels(market, Asks, depth));

    private static IEnumerable<BookLevel> Levels(SimulatedMarket market, SortedList<long, long> side, int depth) =>
        side.Take(depth).Select(level => new BookLevel(market.Price(level.Key), market.Quantity(level.Value)));
}

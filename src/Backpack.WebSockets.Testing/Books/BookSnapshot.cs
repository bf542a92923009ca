namespace Backpack.WebSockets.Testing;

/// <summary>A copy of an order book at one update id: what <c>GET /api/v1/depth</c> serves and what <see cref="MarketSimulator.GetBook"/> returns.</summary>
/// <remarks>Immutable and thread-safe. Levels are kept best first on both sides, whatever order they were given in.</remarks>
public sealed class BookSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="symbol">The market symbol.</param>
    /// <param name="lastUpdateId">The id of the last depth update included.</param>
    /// <param name="bids">The bid levels, in any order.</param>
    /// <param name="asks">The ask levels, in any order.</param>
    /// <exception cref="ArgumentException">A price appears twice on one side, or a quantity is not positive.</exception>
    public BookSnapshot(string symbol, long lastUpdateId, IEnumerable<BookLevel> bids, IEnumerable<BookLevel> asks)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(asks);
        Symbol = symbol;
        LastUpdateId = lastUpdateId;
        Bids = Sorted(bids, descending: true, nameof(bids));
        Asks = Sorted(asks, descending: false, nameof(asks));
    }

    /// <summary>The market symbol.</summary>
    public string Symbol { get; }

    /// <summary>The id of the last depth update included in this book.</summary>
    public long LastUpdateId { get; }

    /// <summary>The bids, best (highest price) first.</summary>
    public IReadOnlyList<BookLevel> Bids { get; }

    /// <summary>The asks, best (lowest price) first.</summary>
    public IReadOnlyList<BookLevel> Asks { get; }

    /// <summary>The best bid, or <see langword="null"/> if there are no bids.</summary>
    public BookLevel? BestBid => Bids.Count > 0 ? Bids[0] : null;

    /// <summary>The best ask, or <see langword="null"/> if there are no asks.</summary>
    public BookLevel? BestAsk => Asks.Count > 0 ? Asks[0] : null;

    /// <summary>Returns a copy holding at most <paramref name="depth"/> levels per side (the best ones).</summary>
    /// <param name="depth">The most levels per side.</param>
    /// <returns>This instance when nothing is cut, otherwise a truncated copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is negative.</exception>
    public BookSnapshot Truncate(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        return Bids.Count <= depth && Asks.Count <= depth
            ? this
            : new BookSnapshot(Symbol, LastUpdateId, Bids.Take(depth), Asks.Take(depth));
    }

    private static BookLevel[] Sorted(IEnumerable<BookLevel> levels, bool descending, string parameterName)
    {
        var array = levels.ToArray();
        Array.Sort(array, descending
            ? static (x, y) => y.Price.CompareTo(x.Price)
            : static (x, y) => x.Price.CompareTo(y.Price));
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i].Quantity <= 0)
            {
                throw new ArgumentException($"Level {array[i].Price} has quantity {array[i].Quantity}; book levels hold positive quantities.", parameterName);
            }

            if (i > 0 && array[i].Price == array[i - 1].Price)
            {
                throw new ArgumentException($"Price {array[i].Price} appears twice.", parameterName);
            }
        }

        return array;
    }
}

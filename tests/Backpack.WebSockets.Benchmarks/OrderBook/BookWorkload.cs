using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Benchmarks.OrderBook;

/// <summary>
/// A seeded order-book workload: a snapshot of 1,000 levels per side (or <c>levelsPerSide</c>) and a chain of depth
/// updates of 10 levels each anywhere in the book (about 85% quantity changes or new levels, 15% removals). Shared by the BenchmarkDotNet benchmarks and the quick mode
/// so both measure the same thing.
/// </summary>
internal sealed class BookWorkload
{
    public const int LevelsPerSide = 1000;
    public const int LevelsPerUpdate = 10;

    public BookWorkload(int updateCount, int seed = 42, int levelsPerSide = LevelsPerSide)
    {
        var random = new Random(seed);
        Snapshot = new DepthSnapshot(
            0,
            [.. Enumerable.Range(1, levelsPerSide).Select(tick => new PriceLevel(Bid(tick), Quantity(random)))],
            [.. Enumerable.Range(1, levelsPerSide).Select(tick => new PriceLevel(Ask(tick), Quantity(random)))]);
        Updates = new DepthUpdate[updateCount];
        for (var i = 0; i < updateCount; i++)
        {
            var bids = new List<PriceLevel>();
            var asks = new List<PriceLevel>();
            for (var level = 0; level < LevelsPerUpdate; level++)
            {
                // Ticks past the snapshot's add levels (10% more); zero quantities remove them. Bids and asks never cross.
                var tick = random.Next(1, levelsPerSide + (levelsPerSide / 10));
                var quantity = random.NextDouble() < 0.15 ? 0m : Quantity(random);
                if (random.Next(2) == 0)
                {
                    bids.Add(new PriceLevel(Bid(tick), quantity));
                }
                else
                {
                    asks.Add(new PriceLevel(Ask(tick), quantity));
                }
            }

            Updates[i] = new DepthUpdate { Symbol = "SOL_USDC", FirstUpdateId = i + 1, LastUpdateId = i + 1, Bids = [.. bids], Asks = [.. asks] };
        }
    }

    /// <summary>The snapshot every run starts from, at update id 0.</summary>
    public DepthSnapshot Snapshot { get; }

    /// <summary>Updates 1..N, each following on from the previous one.</summary>
    public DepthUpdate[] Updates { get; }

    /// <summary>Resets <paramref name="book"/> to <see cref="Snapshot"/>, as a resync would.</summary>
    public void Resync(BackpackOrderBook book)
    {
        book.ResyncFrom(Snapshot);
    }

    private static decimal Bid(int tick) => 100m - (tick / 100m);

    private static decimal Ask(int tick) => 100m + (tick / 100m);

    private static decimal Quantity(Random random) => random.Next(1, 100_000) / 1000m;
}

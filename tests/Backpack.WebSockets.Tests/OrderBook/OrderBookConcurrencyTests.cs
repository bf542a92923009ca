using System.Runtime.CompilerServices;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Tests.OrderBook;

public sealed class OrderBookConcurrencyTests
{
    private const int Levels = 5;
    private const int Updates = 20_000;

    /// <summary>
    /// Every update moves the whole book 3 ticks up or down and stamps every level's quantity with its update id. Applied
    /// halfway, a book would be crossed (bids moved up, asks not yet) or carry two stamps, so readers check both.
    /// </summary>
    [Fact]
    public async Task Readers_DuringAStreamOfUpdates_NeverSeeACrossedOrHalfAppliedBook()
    {
        await using var book = new BackpackOrderBook(new FakeDepthFeed(), "SOL_USDC", null);
        Assert.Equal(SnapshotOutcome.Synced, book.ApplySnapshot(new DepthSnapshot(1, Side(100, isBid: true, 1), Side(100, isBid: false, 1))));

        using var done = new CancellationTokenSource();
        var reads = new StrongBox<long>();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => Read(book, reads, done.Token))).ToArray();
        var writer = Task.Run(() =>
        {
            // Keep writing until the readers have taken plenty of snapshots meanwhile, so reads and writes overlap.
            var mid = 100;
            long id = 2;
            for (; id <= Updates + 1 || Interlocked.Read(ref reads.Value) < 1000; id++)
            {
                var next = id % 2 == 0 ? mid + 3 : mid - 3;

                // Remove the old levels (zero) and add the new ones, bids first: the crossing order if readers saw half.
                var bids = Side(mid, isBid: true, 0).Concat(Side(next, isBid: true, id)).ToArray();
                var asks = Side(mid, isBid: false, 0).Concat(Side(next, isBid: false, id)).ToArray();
                book.OnDiff(new DepthUpdate { Symbol = "SOL_USDC", FirstUpdateId = id, LastUpdateId = id, Bids = bids, Asks = asks });
                mid = next;
            }

            return id - 1;
        });

        var lastId = await writer.WaitAsync(TimeSpan.FromSeconds(60));
        await done.CancelAsync();
        var observed = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrderBookState.Synced, book.State);
        Assert.Equal(lastId, book.LastUpdateId);
        Assert.Equal(0, book.ResyncCount);
        Assert.True(observed.Sum() > 1, "the readers saw only one book");
    }

    /// <summary>Reads until cancelled; returns how many distinct books it saw. Fails on the first inconsistent one.</summary>
    private static int Read(BackpackOrderBook book, StrongBox<long> reads, CancellationToken token)
    {
        var distinct = 0;
        long last = -1;
        while (!token.IsCancellationRequested)
        {
            Interlocked.Increment(ref reads.Value);
            var snapshot = book.GetSnapshot();
            Assert.Equal(OrderBookState.Synced, snapshot.State);
            Assert.Equal(Levels, snapshot.Bids.Count);
            Assert.Equal(Levels, snapshot.Asks.Count);
            Assert.True(snapshot.BestBid!.Value.Price < snapshot.BestAsk!.Value.Price, $"crossed at {snapshot.LastUpdateId}");
            Assert.All(snapshot.Bids.Concat(snapshot.Asks), level => Assert.Equal(snapshot.LastUpdateId, (long)level.Quantity));
            for (var i = 1; i < Levels; i++)
            {
                Assert.True(snapshot.Bids[i].Price < snapshot.Bids[i - 1].Price);
                Assert.True(snapshot.Asks[i].Price > snapshot.Asks[i - 1].Price);
            }

            // The readers' view only moves forward.
            Assert.True(snapshot.LastUpdateId >= last);
            distinct += snapshot.LastUpdateId != last ? 1 : 0;
            last = snapshot.LastUpdateId;
        }

        return distinct;
    }

    /// <summary>Five levels one tick apart next to <paramref name="mid"/> (a tick is 0.01), all with quantity <paramref name="quantity"/>.</summary>
    private static PriceLevel[] Side(int mid, bool isBid, long quantity) =>
        [.. Enumerable.Range(1, Levels).Select(i => new PriceLevel((mid + (isBid ? -i : i)) / 100m, quantity))];
}

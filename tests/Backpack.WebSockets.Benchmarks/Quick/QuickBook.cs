using System.Diagnostics;
using Backpack.WebSockets.Benchmarks.OrderBook;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// The order-book figure of the quick line (part 3): level updates per second applying 1,000,000 depth updates of 10
/// levels each to a 1,000-level book on one thread, through the book's writer as its pump runs it under load (apply under
/// the write lock, publish an immutable copy every 64 updates).
/// </summary>
internal static class QuickBook
{
    private const int BlockSize = 8192;

    /// <summary>Measures level updates per second, then the cost of reading the synced book.</summary>
    /// <param name="smoke">A tiny run for CI: checks the code path, not the speed.</param>
    public static async Task<QuickBookResult> MeasureAsync(bool smoke)
    {
        var totalUpdates = smoke ? BlockSize : 1_000_000;
        var reads = smoke ? 10_000 : 2_000_000;
        var workload = new BookWorkload(BlockSize);
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions());
        await using var book = new BackpackOrderBook(client, "SOL_USDC");

        // Warm up once so the JIT's tiered code is in place before timing.
        ApplyBlock(book, workload, BlockSize);

        var applied = 0;
        var elapsed = TimeSpan.Zero;
        while (applied < totalUpdates)
        {
            var count = Math.Min(BlockSize, totalUpdates - applied);
            elapsed += ApplyBlock(book, workload, count);
            applied += count;
        }

        if (book.LastUpdateId != workload.Updates[(totalUpdates - 1) % BlockSize].LastUpdateId || book.State != OrderBookState.Synced)
        {
            throw new InvalidOperationException($"The book did not apply the workload: state {book.State}, last update {book.LastUpdateId}.");
        }

        var levelUpdatesPerSecond = applied * (double)BookWorkload.LevelsPerUpdate / elapsed.TotalSeconds;
        var (snapshotNs, snapshotBytes) = TimeReads(reads, () => book.GetSnapshot(10).Bids.Count);
        var (bestBidNs, _) = TimeReads(reads, () => book.BestBid is { } best ? (int)best.Price : 0);
        var quiet = await MeasureQuietAsync(client, smoke).ConfigureAwait(false);
        return new QuickBookResult(levelUpdatesPerSecond, snapshotNs, snapshotBytes, bestBidNs, quiet);
    }

    /// <summary>
    /// A quiet stream: a publication after every update, on a book of 25 levels per side and on one of 1,000 (50 and 2,000
    /// levels), with the same kind of updates (10 levels anywhere in the book). Rounds alternate between the two books and
    /// each keeps its fastest, nanoseconds per update.
    /// </summary>
    private static async Task<QuietFigures> MeasureQuietAsync(BackpackStreamClient client, bool smoke)
    {
        const int Updates = 2048;
        var rounds = smoke ? 1 : 40;
        var small = new BookWorkload(Updates, levelsPerSide: 25);
        var large = new BookWorkload(Updates);
        await using var smallBook = new BackpackOrderBook(client, "SOL_USDC");
        await using var largeBook = new BackpackOrderBook(client, "SOL_USDC");
        ApplyQuiet(smallBook, small, publishEvery: 1);
        ApplyQuiet(largeBook, large, publishEvery: 1);
        var best = new QuietFigures(double.MaxValue, double.MaxValue, double.MaxValue, double.MaxValue);
        for (var round = 0; round < rounds; round++)
        {
            best = new QuietFigures(
                Math.Min(best.Small, ApplyQuiet(smallBook, small, publishEvery: 1).TotalNanoseconds / Updates),
                Math.Min(best.Large, ApplyQuiet(largeBook, large, publishEvery: 1).TotalNanoseconds / Updates),
                Math.Min(best.SmallBatched, ApplyQuiet(smallBook, small, publishEvery: 64).TotalNanoseconds / Updates),
                Math.Min(best.LargeBatched, ApplyQuiet(largeBook, large, publishEvery: 64).TotalNanoseconds / Updates));
        }

        if (largeBook.GetSnapshot().Bids.Count < 900 || smallBook.GetSnapshot().Bids.Count is < 10 or > 30)
        {
            throw new InvalidOperationException("The quiet-stream books do not have the sizes they should.");
        }

        return best;
    }

    /// <summary>
    /// Resets the book (not timed), then applies every update (timed), publishing after every <paramref name="publishEvery"/>
    /// (1: a quiet stream; 64: the default batching under load, which shows the cost of applying alone).
    /// </summary>
    private static TimeSpan ApplyQuiet(BackpackOrderBook book, BookWorkload workload, int publishEvery)
    {
        workload.Resync(book);
        var updates = workload.Updates;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < updates.Length; i++)
        {
            book.OnDiff(updates[i], publish: (i + 1) % publishEvery == 0);
        }

        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Nanoseconds and bytes allocated per call of <paramref name="read"/>, over <paramref name="count"/> calls.</summary>
    private static (double Nanoseconds, double Bytes) TimeReads(int count, Func<int> read)
    {
        var sink = 0;
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            sink += read();
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        GC.KeepAlive(sink);
        return (elapsed.TotalNanoseconds / count, bytes / (double)count);
    }

    /// <summary>Resets the book to the snapshot (not timed), then applies the first <paramref name="count"/> updates (timed).</summary>
    private static TimeSpan ApplyBlock(BackpackOrderBook book, BookWorkload workload, int count)
    {
        workload.Resync(book);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            book.OnDiff(workload.Updates[i], publish: (i & 63) == 63 || i == count - 1);
        }

        return Stopwatch.GetElapsedTime(start);
    }
}

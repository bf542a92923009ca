using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.TestSupport;

/// <summary>Waits on an order book in tests, bounded by <c>TestTimeouts.Hang</c>.</summary>
internal static class BookWaits
{
    /// <summary>The first published book (top 50 levels) that is synced at or past <paramref name="lastUpdateId"/>.</summary>
    /// <exception cref="InvalidOperationException">The book stopped first.</exception>
    public static async Task<OrderBookSnapshot> WaitForSyncedUpdateAsync(this BackpackOrderBook book, long lastUpdateId)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Hang);
        await foreach (var snapshot in book.WatchAsync(50, timeout.Token))
        {
            if (snapshot.State == OrderBookState.Synced && snapshot.LastUpdateId >= lastUpdateId)
            {
                return snapshot;
            }
        }

        throw new InvalidOperationException("The book stopped.");
    }
}

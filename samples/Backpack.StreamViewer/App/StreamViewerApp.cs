using System.Globalization;
using Backpack.WebSockets;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer;

/// <summary>Runs the books, the stream readers and the screen (dashboard or plain lines) until cancelled.</summary>
internal sealed class StreamViewerApp(BackpackStreamClient client, ViewerState state, Func<CancellationToken, Task> screen)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; an error a book or a stream cannot recover from ends the run.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = linked.Token;
        var tasks = new List<Task> { screen(ct) };
        foreach (var symbol in state.Symbols)
        {
            tasks.Add(FollowBookAsync(symbol, ct));
            tasks.Add(ReadAsync(BackpackStreams.Trades(symbol.Symbol), symbol.CountDropsOf, trade => symbol.AddTrade(trade, DateTimeOffset.UtcNow), ct));
        }

        if (state.ShowsOrders)
        {
            tasks.Add(ReadAsync(BackpackStreams.OrderUpdates(), static _ => { }, state.AddOrder, ct));
        }

        try
        {
            // Why WhenAny: the first loop to fail (say a rejected symbol) stops the others instead of hanging the run.
            var first = await Task.WhenAny(tasks).ConfigureAwait(false);
            await linked.CancelAsync().ConfigureAwait(false);
            await first.ConfigureAwait(false);
        }
        finally
        {
            await linked.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    /// <summary>Starts a book and reports its state changes; the book resyncs and resubscribes by itself.</summary>
    private async Task FollowBookAsync(SymbolState symbol, CancellationToken ct)
    {
        await symbol.Book.StartAsync(ct).ConfigureAwait(false);
        var last = OrderBookState.Synced;

        // Why depth 0: only the state is needed here; the screen reads the levels itself.
        await foreach (var snapshot in symbol.Book.WatchAsync(0, ct).ConfigureAwait(false))
        {
            if (snapshot.State != last)
            {
                last = snapshot.State;
                var now = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                state.Status = snapshot.State == OrderBookState.Synced
                    ? $"{now} {symbol.Symbol} book in sync again at update {snapshot.LastUpdateId} (resync {symbol.Book.ResyncCount})"
                    : $"{now} {symbol.Symbol} book {snapshot.State}: resyncing from a new snapshot";
            }
        }
    }

    private async Task ReadAsync<T>(BackpackStream<T> stream, Action<Func<long>> countDrops, Action<T> onItem, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var subscription = await client.SubscribeAsync(stream, ct).ConfigureAwait(false);
                await using (subscription)
                {
                    countDrops(() => subscription.DroppedCount);
                    await foreach (var item in subscription.WithCancellation(ct).ConfigureAwait(false))
                    {
                        onItem(item);
                    }
                }
            }
            catch (BackpackStreamException ex) when (ex.IsTransient)
            {
                state.Status = $"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {stream.Name}: {ex.ErrorCode}; subscribing again";
            }

            // Why subscribe again although the client reconnects by itself: a first connection that fails, or a reconnect
            // policy that gives up, ends the subscription; the next subscribe connects again.
            await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
        }
    }
}

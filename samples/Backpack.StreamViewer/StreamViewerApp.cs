using Backpack.WebSockets;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer;

/// <summary>Runs the book, the stream readers and the renderer until cancelled.</summary>
internal sealed class StreamViewerApp(BackpackStreamClient client, ViewerState state, ConsoleRenderer renderer)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; an error the book or a stream cannot recover from ends the run.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = linked.Token;
        var tasks = new List<Task>
        {
            FollowBookAsync(ct),
            ReadAsync(BackpackStreams.Trades(state.Symbol), state.AddTrade, ct),
            RenderAsync(ct),
        };
        if (state.ShowsOrders)
        {
            tasks.Add(ReadAsync(BackpackStreams.OrderUpdates(), state.AddOrder, ct));
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

    /// <summary>Starts the book and reports its state changes; the book resyncs and resubscribes by itself.</summary>
    private async Task FollowBookAsync(CancellationToken ct)
    {
        await state.Book.StartAsync(ct).ConfigureAwait(false);
        var last = OrderBookState.Synced;

        // Why depth 0: only the state is needed here; the renderer reads the levels itself.
        await foreach (var snapshot in state.Book.WatchAsync(0, ct).ConfigureAwait(false))
        {
            if (snapshot.State != last)
            {
                last = snapshot.State;
                state.Status = snapshot.State == OrderBookState.Synced
                    ? $"{DateTime.Now:HH:mm:ss} book in sync again at update {snapshot.LastUpdateId} (resync {state.Book.ResyncCount})"
                    : $"{DateTime.Now:HH:mm:ss} book {snapshot.State}: resyncing from a new snapshot";
            }
        }
    }

    private async Task ReadAsync<T>(BackpackStream<T> stream, Action<T> onItem, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var subscription = await client.SubscribeAsync(stream, ct).ConfigureAwait(false);
                await using (subscription)
                {
                    await foreach (var item in subscription.WithCancellation(ct).ConfigureAwait(false))
                    {
                        onItem(item);
                    }
                }
            }
            catch (BackpackStreamException ex) when (ex.IsTransient)
            {
                state.Status = $"{DateTime.Now:HH:mm:ss} {stream.Name}: {ex.ErrorCode}; resubscribing";
            }

            // Why resubscribe: the client does not reconnect by itself yet; the next subscribe connects again.
            await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
        }
    }

    private async Task RenderAsync(CancellationToken ct)
    {
        // Why slower when redirected: one summary line per refresh is plenty for a log.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(renderer.InPlace ? 200 : 500));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            renderer.Render();
        }
    }
}

using System.Threading.Channels;
using Backpack.WebSockets;
using Backpack.WebSockets.Models;

namespace Backpack.StreamViewer;

/// <summary>Runs the stream readers, the book synchronizer and the renderer until cancelled.</summary>
internal sealed class StreamViewerApp(BackpackStreamClient client, DepthSnapshotClient snapshots, ViewerState state, ConsoleRenderer renderer)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // Why capacity 1 and DropWrite: several gaps while a snapshot is in flight need only one more fetch.
    private readonly Channel<bool> _resync = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; a non-transient stream error ends the run.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = linked.Token;

        // Why depth first: diffs must be buffered before the snapshot is fetched, or the book could miss updates.
        var depth = await client.SubscribeAsync(BackpackStreams.Depth(state.Symbol), ct).ConfigureAwait(false);
        var tasks = new List<Task>
        {
            ReadDepthAsync(depth, ct),
            SynchronizeBookAsync(ct),
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

    private async Task ReadDepthAsync(BackpackSubscription<DepthUpdate> subscription, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await using (subscription)
                {
                    state.Book.Reset();
                    _resync.Writer.TryWrite(true);
                    await foreach (var diff in subscription.WithCancellation(ct).ConfigureAwait(false))
                    {
                        if (!state.Book.OnDiff(diff))
                        {
                            state.Status = $"{DateTime.Now:HH:mm:ss} depth gap at update {diff.FirstUpdateId}: resynchronizing";
                            _resync.Writer.TryWrite(true);
                        }
                    }
                }
            }
            catch (BackpackStreamException ex) when (ex.IsTransient)
            {
                state.Status = $"{DateTime.Now:HH:mm:ss} depth: {ex.ErrorCode}; resubscribing";
            }

            // Why resubscribe: the client does not reconnect by itself yet; the next subscribe connects again.
            await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
            subscription = await SubscribeWithRetryAsync(BackpackStreams.Depth(state.Symbol), ct).ConfigureAwait(false);
        }
    }

    private async Task SynchronizeBookAsync(CancellationToken ct)
    {
        await foreach (var _ in _resync.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            while (true)
            {
                SnapshotResult result;
                try
                {
                    result = state.Book.TryApplySnapshot(await snapshots.GetAsync(state.Symbol, ct).ConfigureAwait(false));
                }
                catch (HttpRequestException ex)
                {
                    state.Status = $"{DateTime.Now:HH:mm:ss} snapshot failed: {ex.Message}";
                    result = SnapshotResult.TooOld;
                }

                if (result == SnapshotResult.Synced)
                {
                    break;
                }

                // Why wait: the REST snapshot lags the stream; give it time to catch up with the buffered diffs.
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
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

            await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
        }
    }

    private async Task<BackpackSubscription<T>> SubscribeWithRetryAsync<T>(BackpackStream<T> stream, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await client.SubscribeAsync(stream, ct).ConfigureAwait(false);
            }
            catch (BackpackStreamException ex) when (ex.IsTransient)
            {
                state.Status = $"{DateTime.Now:HH:mm:ss} {stream.Name}: {ex.ErrorCode}; retrying";
                await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
            }
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

using System.Runtime.CompilerServices;
using Backpack.WebSockets.Models;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// A local order book for one symbol, kept in sync with Backpack's book from a REST depth snapshot plus the
/// <c>depth</c> stream (spec §8), and safe to read from any thread.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="StartAsync"/> subscribes to depth, buffers the updates, fetches <c>GET {RestEndpoint}/api/v1/depth</c> until
/// a snapshot covers the first buffered update (the snapshot usually lags the stream), drops the updates it contains and
/// applies the rest. From then on every update must chain (<c>U == previous u + 1</c>).
/// </para>
/// <para>
/// The book never trusts a broken book: a gap, a crossed book (best bid at or above best ask), updates dropped by the
/// depth subscription, a lost connection or a reconnect make it <see cref="OrderBookState.Stale"/> at once (with no
/// levels) and it resyncs from a fresh snapshot; <see cref="ResyncCount"/> counts these and a log line says why. A
/// snapshot fetched before a resync is never used after it.
/// </para>
/// <para>
/// Thread safety: one background writer applies updates; readers (<see cref="GetSnapshot"/>, <see cref="BestBid"/>,
/// <see cref="BestAsk"/>, <see cref="LastUpdateId"/>, <see cref="State"/>, <see cref="WatchAsync"/>) read the last
/// published immutable <see cref="OrderBookSnapshot"/>, take no lock, never delay the writer and never see half of an
/// update. No user code runs under the writer's lock.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var book = new BackpackOrderBook(client, "SOL_USDC");
/// await book.StartAsync(cancellationToken);
/// await foreach (var snapshot in book.WatchAsync(10, cancellationToken))
/// {
///     Console.WriteLine($"{snapshot.State} {snapshot.BestBid} / {snapshot.BestAsk}");
/// }
/// </code>
/// </example>
public sealed partial class BackpackOrderBook : IAsyncDisposable
{
    /// <summary>Serializes the writers (the update pump and the snapshot fetch); readers never take it.</summary>
    private readonly Lock _writeLock = new();

    private readonly IDepthFeed _feed;
    private readonly BackpackOrderBookOptions _options;
    private readonly BackpackStream<DepthUpdate> _stream;
    private readonly OrderBookSynchronizer _sync;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposeCts = new();
    private readonly TaskCompletionSource _firstSync = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Snapshot fetches still running (the current one and cancelled ones not yet finished); under the write lock.</summary>
    private readonly List<Task> _fetches = [];

    /// <summary>The book readers see; replaced, never changed.</summary>
    private OrderBookSnapshot _published;

    /// <summary>Completed and replaced on each publication while someone watches.</summary>
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>UTC ticks of when the published state was entered; read lock-free by <see cref="StateChangedAt"/>.</summary>
    private long _stateChangedAtTicks;

    private int _watcherCount;
    /// <summary>The writer's resync count, under the write lock; readers see it in the published snapshot.</summary>
    private int _resyncCount;
    private int _startCalled;
    private int _disposing;

    // Writer state: guarded by _writeLock.
    private OrderBookState _state;
    private long _version;
    private long _generation;
    private bool _dirty;
    private bool _everSynced;
    private bool _isDisposed;
    /// <summary>The depth subscription the pump reads; null before the start and while resubscribing.</summary>
    private IDepthSubscription? _subscription;
    private Exception? _fault;
    /// <summary>Whether a snapshot fetch runs for the current generation (fetches of older ones stop on their own).</summary>
    private bool _fetching;
    private Task _pump = Task.CompletedTask;

    /// <summary>Creates a book; call <see cref="StartAsync"/> to sync it.</summary>
    /// <param name="client">The client that carries the depth stream; its REST endpoint, HTTP client, clock and logger factory are used too.</param>
    /// <param name="symbol">The market, for example <c>SOL_USDC</c>.</param>
    /// <param name="options">The options; copied. <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty or not a valid symbol.</exception>
    public BackpackOrderBook(BackpackStreamClient client, string symbol, BackpackOrderBookOptions? options = null)
        : this(client is null ? throw new ArgumentNullException(nameof(client)) : (IDepthFeed)client, symbol, options)
    {
    }

    /// <summary>Creates a book on any depth feed (the client, or a test's fake).</summary>
    internal BackpackOrderBook(IDepthFeed feed, string symbol, BackpackOrderBookOptions? options)
    {
        _options = options?.Clone() ?? new BackpackOrderBookOptions();
        _stream = BackpackStreams.Depth(symbol, _options.DepthInterval);
        _feed = feed;
        Symbol = symbol;
        _sync = new OrderBookSynchronizer(_options.MaxBufferedUpdates);
        _timeProvider = feed.TimeProvider;
        _logger = feed.LoggerFactory.CreateLogger<BackpackOrderBook>();
        _published = _sync.CreateSnapshot(OrderBookState.Syncing, 0, 0);
        _stateChangedAtTicks = _timeProvider.GetUtcNow().UtcTicks;
    }

    /// <summary>The market this book follows.</summary>
    public string Symbol { get; }

    /// <summary>The book's state, as of the last publication.</summary>
    public OrderBookState State => Volatile.Read(ref _published).State;

    /// <summary>
    /// When <see cref="State"/> was entered, on the client's <see cref="System.TimeProvider"/> (UTC): for a new book, when it
    /// was created; a restarted sync that stays <see cref="OrderBookState.Syncing"/> or <see cref="OrderBookState.Stale"/>
    /// keeps the time it first entered that state. With <see cref="State"/> it tells how long the book has been unusable
    /// (the health check uses it).
    /// </summary>
    public DateTimeOffset StateChangedAt => new(Volatile.Read(ref _stateChangedAtTicks), TimeSpan.Zero);

    /// <summary>The id of the last update in the published book (see <see cref="OrderBookSnapshot.LastUpdateId"/>).</summary>
    public long LastUpdateId => Volatile.Read(ref _published).LastUpdateId;

    /// <summary>How many times the book went from <see cref="OrderBookState.Synced"/> to <see cref="OrderBookState.Stale"/> and resynced (or is resyncing).</summary>
    /// <remarks>
    /// A fault while the book is still syncing restarts the sync without counting: the book was not in sync to begin with.
    /// The count is published with the stale book, in the same snapshot: reading it and then <see cref="State"/> never pairs
    /// a new count with the book from before the fault, and a watcher woken by the stale book sees the new count.
    /// </remarks>
    public int ResyncCount => Volatile.Read(ref _published).ResyncCount;

    /// <summary>The best bid of the published book, or <see langword="null"/> when there is none or the book is not synced.</summary>
    public PriceLevel? BestBid => Volatile.Read(ref _published).BestBid;

    /// <summary>The best ask of the published book, or <see langword="null"/> when there is none or the book is not synced.</summary>
    public PriceLevel? BestAsk => Volatile.Read(ref _published).BestAsk;

    /// <summary>
    /// Applies a snapshot for the current generation at once, as a fetch would: one of the writer's two inputs, for the
    /// property and concurrency tests that drive the writer step by step (the feed drives it otherwise).
    /// </summary>
    internal SnapshotOutcome ApplySnapshot(DepthSnapshot snapshot)
    {
        long generation;
        lock (_writeLock)
        {
            generation = _generation;
        }

        return OnSnapshotFetched(generation, snapshot);
    }

    /// <summary>Forgets the book (a resync, as a lost connection causes) and applies <paramref name="snapshot"/>: for the benchmarks.</summary>
    internal SnapshotOutcome ResyncFrom(DepthSnapshot snapshot)
    {
        lock (_writeLock)
        {
            RestartLocked(ResyncReason.Reconnected);
        }

        return ApplySnapshot(snapshot);
    }

    /// <summary>
    /// Subscribes to the depth stream and completes once the book is first <see cref="OrderBookState.Synced"/>. The book then
    /// keeps itself in sync in the background until disposed.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the book keeps syncing in the background until disposed.</param>
    /// <returns>A task that completes when the book is first in sync.</returns>
    /// <exception cref="BackpackStreamException">
    /// The subscription failed (for example <see cref="BackpackStreamErrorCode.SubscriptionRejected"/> with server code 4006
    /// for an unknown symbol, or a connection failure), or no usable snapshot came within
    /// <see cref="BackpackOrderBookOptions.MaxSnapshotAttempts"/> (<see cref="BackpackStreamErrorCode.SnapshotFailed"/>, with
    /// <see cref="BackpackStreamException.HttpStatusCode"/> when the server answered with an error).
    /// </exception>
    /// <exception cref="InvalidOperationException">The book was already started.</exception>
    /// <exception cref="ObjectDisposedException">The book was disposed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposing) != 0, this);
        if (Interlocked.Exchange(ref _startCalled, 1) != 0)
        {
            throw new InvalidOperationException($"The order book for '{Symbol}' was already started.");
        }

        IDepthSubscription subscription;
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposeCts.Token))
        {
            try
            {
                subscription = await _feed.SubscribeAsync(_stream, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fault(ex);
                throw;
            }
        }

        bool disposed;
        lock (_writeLock)
        {
            disposed = _isDisposed;
            if (!disposed)
            {
                _subscription = subscription;
                _pump = Task.Run(() => RunAsync(subscription));
            }
        }

        if (disposed)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(GetType().FullName);
        }

        await _firstSync.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The published book, cut to <paramref name="depth"/> levels per side. Never blocks, never copies levels.</summary>
    /// <param name="depth">The most levels per side; the default is the whole book.</param>
    /// <returns>An immutable snapshot; empty unless <see cref="OrderBookSnapshot.State"/> is <see cref="OrderBookState.Synced"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is negative.</exception>
    public OrderBookSnapshot GetSnapshot(int depth = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        return Volatile.Read(ref _published).Take(depth);
    }

    /// <summary>
    /// The book now and after every change, conflated: a reader that falls behind skips to the latest book rather than
    /// queueing old ones. State changes (to Stale and back) are changes too. Ends when the book is disposed; throws the
    /// error if the book stops with one.
    /// </summary>
    /// <param name="depth">The most levels per side in each snapshot.</param>
    /// <param name="cancellationToken">Stops watching.</param>
    /// <returns>The snapshots.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is negative.</exception>
    public IAsyncEnumerable<OrderBookSnapshot> WatchAsync(int depth, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        return WatchCoreAsync(depth, cancellationToken);
    }

    /// <summary>Stops the book: releases the depth subscription and waits for background work to end. Idempotent.</summary>
    /// <returns>A task that completes when nothing of the book runs any more.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) == 0)
        {
            try
            {
                await DisposeCoreAsync().ConfigureAwait(false);
            }
            finally
            {
                _disposed.TrySetResult();
            }
        }

        await _disposed.Task.ConfigureAwait(false);
    }

    /// <summary>Takes one depth update, as the pump does; <paramref name="publish"/> makes readers see the result now.</summary>
    internal void OnDiff(DepthUpdate diff, bool publish = true)
    {
        lock (_writeLock)
        {
            ProcessDiffLocked(diff, publish);
        }
    }

    /// <summary>Takes a snapshot fetched for <paramref name="generation"/>; discards it when a resync happened since.</summary>
    private SnapshotOutcome OnSnapshotFetched(long generation, DepthSnapshot snapshot)
    {
        lock (_writeLock)
        {
            if (generation != _generation || _fault is not null || _isDisposed)
            {
                Log.SnapshotDiscarded(_logger, Symbol, snapshot.LastUpdateId);
                return SnapshotOutcome.Discarded;
            }

            var outcome = _sync.OnSnapshot(snapshot);
            switch (outcome)
            {
                case SnapshotOutcome.Synced:
                    _state = OrderBookState.Synced;
                    _everSynced = true;
                    _fetching = false;
                    PublishLocked();
                    Log.Synced(_logger, Symbol, _sync.LastUpdateId, _sync.BidCount, _sync.AskCount);

                    // Continuations run asynchronously: no user code under the lock.
                    _firstSync.TrySetResult();
                    break;
                case SnapshotOutcome.Crossed:
                    Log.SnapshotCrossed(_logger, Symbol, snapshot.LastUpdateId);
                    _generation++;
                    _fetching = false;
                    PublishLocked();
                    break;
            }

            return outcome;
        }
    }

    private async IAsyncEnumerable<OrderBookSnapshot> WatchCoreAsync(int depth, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _watcherCount);
        try
        {
            long seen = -1;
            while (true)
            {
                // Read the signal before the book: a publication after this read completes the signal we wait on.
                var changed = Volatile.Read(ref _changed).Task;
                var current = Volatile.Read(ref _published);
                if (current.Version != seen)
                {
                    seen = current.Version;
                    yield return current.Take(depth);
                }

                if (Volatile.Read(ref _fault) is { } fault)
                {
                    throw fault;
                }

                if (Volatile.Read(ref _disposing) != 0)
                {
                    yield break;
                }

                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _watcherCount);
        }
    }

    /// <summary>The writer: reads the depth subscription, and resubscribes when it ends for a reason that may pass.</summary>
    private async Task RunAsync(IDepthSubscription subscription)
    {
        var token = _disposeCts.Token;
        while (true)
        {
            ResyncReason reason;
            try
            {
                await ReadAsync(subscription, token).ConfigureAwait(false);
                reason = ResyncReason.SubscriptionEnded;
                Log.SubscriptionLost(_logger, _stream.Name, null);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (BackpackStreamException ex) when (ex.IsTransient)
            {
                // The connection's reconnect policy gave up (or a private consumer was too slow): a new subscribe connects again.
                Log.SubscriptionLost(_logger, _stream.Name, ex);
                reason = ResyncReason.ConnectionLost;
            }
            catch (Exception ex)
            {
                Fault(ex);
                return;
            }
            finally
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }

            lock (_writeLock)
            {
                _subscription = null;
                if (_isDisposed)
                {
                    return;
                }

                RestartLocked(reason);
            }

            var next = await ResubscribeAsync(token).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            subscription = next;
        }
    }

    private async Task ReadAsync(IDepthSubscription subscription, CancellationToken token)
    {
        var sincePublish = 0;
        await foreach (var item in subscription.ReadAllAsync(token).ConfigureAwait(false))
        {
            if (item.IsConnectionLost)
            {
                // Updates missed while the connection was down leave no trace in the ids the new connection sends first,
                // so the book resyncs from the updates after this marker rather than when (or if) a gap shows. The updates
                // before it came in order from the old connection and were applied.
                lock (_writeLock)
                {
                    RestartLocked(ResyncReason.Reconnected);
                }

                continue;
            }

            // Publish when the queue is drained, or every few updates under load, so a burst costs one copy of the book.
            var publish = ++sincePublish >= _options.MaxUpdatesPerPublish || subscription.BufferedCount == 0;
            lock (_writeLock)
            {
                if (item.DroppedBefore)
                {
                    RestartLocked(ResyncReason.UpdatesDropped);
                }

                ProcessDiffLocked(item.Update!, publish);
            }

            if (publish)
            {
                sincePublish = 0;
            }
        }
    }

    private async Task<IDepthSubscription?> ResubscribeAsync(CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var subscription = await _feed.SubscribeAsync(_stream, token).ConfigureAwait(false);
                lock (_writeLock)
                {
                    _subscription = subscription;
                }

                return subscription;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return null;
            }
            catch (BackpackStreamException ex) when (ex.IsTransient)
            {
                Log.ResubscribeFailed(_logger, _stream.Name, attempt, ex);
            }
            catch (Exception ex)
            {
                Fault(ex);
                return null;
            }

            try
            {
                await Task.Delay(_options.GetRetryDelay(attempt), _timeProvider, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private void ProcessDiffLocked(DepthUpdate diff, bool publish)
    {
        if (_fault is not null || _isDisposed)
        {
            return;
        }

        switch (_sync.OnDiff(diff))
        {
            case DiffOutcome.Applied:
                _dirty = true;
                break;
            case DiffOutcome.Buffered:
                StartFetchLocked();
                break;
            case DiffOutcome.Gap:
                MarkStaleLocked(ResyncReason.Gap);
                StartFetchLocked();
                break;
            case DiffOutcome.Crossed:
                MarkStaleLocked(ResyncReason.CrossedBook);
                break;
        }

        if (publish && _dirty)
        {
            PublishLocked();
        }
    }

    /// <summary>Forgets the book and the buffer, then marks it stale: for faults after which no buffered update can be trusted.</summary>
    private void RestartLocked(ResyncReason reason)
    {
        _sync.Restart();
        MarkStaleLocked(reason);
    }

    /// <summary>Starts a new generation (a late snapshot of the old one is discarded) and shows readers the state at once.</summary>
    private void MarkStaleLocked(ResyncReason reason)
    {
        // No cancellation here: a fetch of the old generation sees the new one after its next await, and its snapshot
        // is discarded if it lands first.
        _generation++;
        _fetching = false;
        if (_state != OrderBookState.Synced)
        {
            Log.SyncRestarted(_logger, Symbol, reason);
            PublishLocked();
            return;
        }

        // The new count goes out in the same snapshot as the stale state (see ResyncCount), after the log line, so a reader
        // woken by the stale book also finds the line.
        _state = OrderBookState.Stale;
        _resyncCount++;
        Log.Resyncing(_logger, Symbol, reason, _sync.LastUpdateId, _resyncCount);
        PublishLocked();
        _feed.OnResync(Symbol);
    }

    private void PublishLocked()
    {
        _version++;
        _dirty = false;

        // Stamped before the book is published, so a reader that sees the new state never pairs it with the old time.
        if (_published.State != _state)
        {
            Volatile.Write(ref _stateChangedAtTicks, _timeProvider.GetUtcNow().UtcTicks);
        }

        // The exchange is a full fence, so a watcher that registered before it is seen below (or sees this book).
        Interlocked.Exchange(ref _published, _sync.CreateSnapshot(_state, _version, _resyncCount));
        if (Volatile.Read(ref _watcherCount) > 0)
        {
            SignalWatchers();
        }
    }

    private void SignalWatchers()
    {
        var previous = Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    /// <summary>Stops the book for good with <paramref name="error"/>: StartAsync and watchers see it.</summary>
    private void Fault(Exception error)
    {
        lock (_writeLock)
        {
            if (_fault is not null || _isDisposed)
            {
                return;
            }

            Volatile.Write(ref _fault, error);
            _fetching = false;
            _sync.Restart();
            _state = OrderBookState.Stale;
            PublishLocked();
        }

        Log.Faulted(_logger, Symbol, error);
        _firstSync.TrySetException(error);
        _ = _firstSync.Task.Exception;
        SignalWatchers();
    }

    private async Task DisposeCoreAsync()
    {
        Task pump;
        lock (_writeLock)
        {
            _isDisposed = true;
            _fetching = false;
            pump = _pump;
        }

        await _disposeCts.CancelAsync().ConfigureAwait(false);
        await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Task[] fetches;
        lock (_writeLock)
        {
            fetches = [.. _fetches];
        }

        await Task.WhenAll(fetches).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_firstSync.TrySetException(new ObjectDisposedException(GetType().FullName)))
        {
            _ = _firstSync.Task.Exception;
        }

        SignalWatchers();
        _disposeCts.Dispose();
    }
}

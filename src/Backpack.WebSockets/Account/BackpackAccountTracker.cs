using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Rest;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Account;

/// <summary>
/// A local copy of the account (open orders, futures positions, balances) kept from the <c>account.*</c> streams and the
/// signed REST reads, and reconciled with REST after every loss of the private connection, since the exchange replays
/// nothing that was missed.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="StartAsync"/> subscribes <c>account.orderUpdate</c>, <c>account.positionUpdate</c> and
/// <c>account.balanceUpdate</c> first, buffers their events, reads open orders, balances and positions over REST, merges
/// them (spec §9.5.4) and applies the buffer. Per order the larger cumulative executed quantity wins, a closed order never
/// opens again, and an older event never overwrites a newer one; balances are absolute (an update received after the
/// balances response wins; one that arrived while the request was in flight makes the tracker read them again); positions
/// follow the stream's snapshot on subscribe and its events.
/// </para>
/// <para>
/// At the connection-lost marker the tracker is <see cref="AccountState.Stale"/> at once. Once the connection is back
/// (its streams subscribed again) it reads the same snapshot; orders it knew as open that REST no longer lists are looked
/// up in the order history for their final state, and the fill history (from the last event seen minus
/// <see cref="BackpackAccountTrackerOptions.FillLookback"/>) gives the fills missed meanwhile, each trade once. Everything
/// learned that way is published with <see cref="AccountChangeSource.Reconciliation"/>. A failed read is retried with
/// backoff; the tracker stays Stale until a whole snapshot succeeded, and never applies half of one.
/// </para>
/// <para>Members are thread-safe; <see cref="GetSnapshot"/> never blocks.</para>
/// </remarks>
public sealed partial class BackpackAccountTracker : IAsyncDisposable
{
    /// <summary>How many trade ids (and closed order ids) are remembered, to publish each fill once and keep closed orders closed.</summary>
    private const int MemoryLimit = 100_000;

    private readonly IAccountFeed _feed;
    private readonly BackpackRestClient _rest;
    private readonly BackpackAccountTrackerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposeCts = new();
    private readonly TaskCompletionSource _firstSynced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the sync loop; one pending wake-up is enough however many losses asked for it.</summary>
    private readonly Channel<bool> _syncSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly List<Channel<AccountChange>> _watchers = [];

    /// <summary>Stream events received while a snapshot is being read, in arrival order.</summary>
    private readonly List<PendingEvent> _pending = [];

    private readonly BoundedSet<string> _seenTrades = new(MemoryLimit);
    private readonly BoundedSet<string> _closedOrders = new(MemoryLimit);

    /// <summary>The event time of the newest event applied to each open order.</summary>
    private readonly Dictionary<string, DateTimeOffset> _orderEventTimes = new(StringComparer.Ordinal);

    /// <summary>When the last history requests were sent (timestamps), for their pace. Used by the sync loop only.</summary>
    private readonly Queue<long> _historyRequests = new();

    private readonly string[] _streamNames =
        [BackpackStreams.OrderUpdates().Name, BackpackStreams.PositionUpdates().Name, BackpackStreams.BalanceUpdates().Name];

    private ImmutableDictionary<string, Order> _openOrders = ImmutableDictionary.Create<string, Order>(StringComparer.Ordinal);
    private ImmutableDictionary<string, FuturePosition> _positions = ImmutableDictionary.Create<string, FuturePosition>(StringComparer.Ordinal);
    private ImmutableDictionary<string, AssetBalance> _balances = ImmutableDictionary.Create<string, AssetBalance>(StringComparer.Ordinal);
    private volatile AccountSnapshot _snapshot;
    private AccountState _state = AccountState.Syncing;
    private DateTimeOffset _stateChangedAt;
    private int _reconcileCount;

    /// <summary>Whether stream events go to <see cref="_pending"/> (a snapshot is due or being read) rather than straight in.</summary>
    private bool _buffering = true;
    private bool _everSynced;
    private long _arrivals;

    /// <summary>Counts connection-lost markers (and ended streams): a snapshot read across one is thrown away.</summary>
    private long _lossEpoch;
    private bool _waitForResubscribe;

    /// <summary>Streams whose subscription ended and is not subscribed again yet: no snapshot is applied meanwhile.</summary>
    private int _streamsDown;

    /// <summary>The newest order event time seen (exchange time), where the next fill history read starts.</summary>
    private DateTimeOffset? _lastEventTime;

    /// <summary>When the last snapshot was read (exchange time, from the local clock and the REST client's offset).</summary>
    private DateTimeOffset _lastSyncedAt;

    private Task[] _pumps = [];
    private Task _loop = Task.CompletedTask;
    private ITimer? _timer;
    private int _started;
    private int _disposed;

    /// <summary>Creates a tracker on a client's private streams and a REST client with the same account's credentials.</summary>
    /// <param name="client">The stream client; it needs <see cref="BackpackStreamClientOptions.ApiSecret"/> for the <c>account.*</c> streams.</param>
    /// <param name="rest">The REST client for the signed reads; it needs the same account's credentials.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="rest"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rest"/> has no credentials.</exception>
    public BackpackAccountTracker(BackpackStreamClient client, BackpackRestClient rest, BackpackAccountTrackerOptions? options = null)
        : this((IAccountFeed)(client ?? throw new ArgumentNullException(nameof(client))), rest, options)
    {
    }

    internal BackpackAccountTracker(IAccountFeed feed, BackpackRestClient rest, BackpackAccountTrackerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(rest);
        if (!rest.HasCredentials)
        {
            throw new ArgumentException("The REST client has no credentials; the account reads are signed.", nameof(rest));
        }

        _feed = feed;
        _rest = rest;
        var given = options ?? new BackpackAccountTrackerOptions();
        _options = new BackpackAccountTrackerOptions
        {
            ReconcileInterval = given.ReconcileInterval,
            RetryDelay = given.RetryDelay,
            MaxRetryDelay = given.MaxRetryDelay,
            FillLookback = given.FillLookback,
            ChangeCapacity = given.ChangeCapacity,
            HistoryRequestsPerMinute = given.HistoryRequestsPerMinute,
            MaxBalanceRereads = given.MaxBalanceRereads,
        };
        _timeProvider = feed.TimeProvider;
        _logger = feed.LoggerFactory.CreateLogger<BackpackAccountTracker>();
        _stateChangedAt = _timeProvider.GetUtcNow();
        _snapshot = new AccountSnapshot(_state, _openOrders, _positions, _balances, _stateChangedAt);
    }

    /// <summary>Whether the local account can be trusted: <see cref="AccountState.Synced"/> once a snapshot and every event since were applied.</summary>
    public AccountState State => _snapshot.State;

    /// <summary>When <see cref="State"/> last changed (the client's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset StateChangedAt
    {
        get
        {
            lock (_gate)
            {
                return _stateChangedAt;
            }
        }
    }

    /// <summary>How many reconciliations (REST snapshots after the first: after a loss, or on schedule) were merged.</summary>
    public int ReconcileCount => Volatile.Read(ref _reconcileCount);

    /// <summary>Subscribes the <c>account.*</c> streams, reads the REST snapshot and merges; completes once <see cref="AccountState.Synced"/>.</summary>
    /// <param name="cancellationToken">Stops waiting (the tracker keeps syncing until disposed).</param>
    /// <returns>A task that completes when the account is first in sync.</returns>
    /// <exception cref="InvalidOperationException">The tracker was already started.</exception>
    /// <exception cref="ObjectDisposedException">The tracker was disposed.</exception>
    /// <exception cref="BackpackStreamException">A subscription failed, or a REST read failed in a way retrying cannot help (for example 401).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The tracker was already started.");
        }

        lock (_gate)
        {
            _lastSyncedAt = ExchangeNow();
        }

        var orders = _feed.SubscribeAsync(BackpackStreams.OrderUpdates(), cancellationToken);
        var positions = _feed.SubscribeAsync(BackpackStreams.PositionUpdates(), cancellationToken);
        var balances = _feed.SubscribeAsync(BackpackStreams.BalanceUpdates(), cancellationToken);
        try
        {
            await Task.WhenAll(orders, positions, balances).ConfigureAwait(false);
        }
        catch
        {
            await DisposeSubscribedAsync(orders).ConfigureAwait(false);
            await DisposeSubscribedAsync(positions).ConfigureAwait(false);
            await DisposeSubscribedAsync(balances).ConfigureAwait(false);

            throw;
        }

        _pumps =
        [
            Task.Run(() => PumpAsync(BackpackStreams.OrderUpdates(), orders.Result, OnOrderUpdate)),
            Task.Run(() => PumpAsync(BackpackStreams.PositionUpdates(), positions.Result, OnPositionUpdate)),
            Task.Run(() => PumpAsync(BackpackStreams.BalanceUpdates(), balances.Result, OnBalanceUpdate)),
        ];
        _loop = Task.Run(RunAsync);
        _syncSignal.Writer.TryWrite(true);
        if (_options.ReconcileInterval is { } interval)
        {
            _timer = _timeProvider.CreateTimer(static state => ((BackpackAccountTracker)state!).OnReconcileTimer(), this, interval, interval);
        }

        await _firstSynced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account as the tracker knows it now: immutable, read without locking.</summary>
    /// <returns>The latest snapshot; check its <see cref="AccountSnapshot.State"/>.</returns>
    public AccountSnapshot GetSnapshot() => _snapshot;

    /// <summary>
    /// The account's changes as they are applied, from the moment the enumeration starts: orders added, updated and closed,
    /// fills, positions and balances, each with its <see cref="AccountChange.Source"/>. Bounded and never dropping: a consumer
    /// more than <see cref="BackpackAccountTrackerOptions.ChangeCapacity"/> changes behind ends with a
    /// <see cref="BackpackStreamException"/> whose code is <see cref="BackpackStreamErrorCode.SlowConsumer"/>, after the
    /// buffered changes. Ends when the tracker is disposed.
    /// </summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The changes.</returns>
    public async IAsyncEnumerable<AccountChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<AccountChange>(new BoundedChannelOptions(_options.ChangeCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        lock (_gate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                yield break;
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>Stops the tracker: releases its subscriptions and ends every <see cref="WatchAsync"/> enumeration. Idempotent.</summary>
    /// <returns>A task that completes once the tracker's work stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposeCts.Cancel();
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var task in _pumps.Append(_loop))
        {
            await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }

            _watchers.Clear();
        }

        _firstSynced.TrySetCanceled();
        _disposeCts.Dispose();
    }

    /// <summary>Returns the state and counts, for debugging.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"Account tracker: {_snapshot}, {ReconcileCount} reconciliation(s)";

    private static async Task DisposeSubscribedAsync<T>(Task<IAccountSubscription<T>> subscribing)
        where T : class
    {
        if (subscribing.IsCompletedSuccessfully)
        {
            await subscribing.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The exchange's time, as the REST client's clock offset has it.</summary>
    private DateTimeOffset ExchangeNow() => _timeProvider.GetUtcNow() + _rest.ClockOffset;

    private TimeSpan Backoff(int failures) => Delays.Doubling(_options.RetryDelay, Math.Min(failures, 16), _options.MaxRetryDelay);

    /// <summary>Reads one stream for the tracker; an ended subscription makes it Stale and is subscribed again, with backoff.</summary>
    private async Task PumpAsync<T>(BackpackStream<T> stream, IAccountSubscription<T> subscription, Action<T> onItem)
        where T : class
    {
        var token = _disposeCts.Token;
        var failures = 0;
        while (true)
        {
            try
            {
                await foreach (var entry in subscription.ReadAllAsync(token).ConfigureAwait(false))
                {
                    if (entry.IsConnectionLost)
                    {
                        OnConnectionLost(stream.Name, waitForResubscribe: true);
                    }
                    else
                    {
                        failures = 0;
                        onItem(entry.Item!);
                    }
                }

                // Ended without an error (the client was disposed, or the stream unsubscribed): no longer tracked.
                if (!token.IsCancellationRequested)
                {
                    lock (_gate)
                    {
                        _streamsDown++;
                    }

                    OnConnectionLost(stream.Name, waitForResubscribe: false);
                }

                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.StreamEnded(_logger, stream.Name, ex);
                lock (_gate)
                {
                    _streamsDown++;
                }

                OnConnectionLost(stream.Name, waitForResubscribe: false);
                await subscription.DisposeAsync().ConfigureAwait(false);
            }

            // Subscribe again; the new subscription's events are buffered until the next snapshot.
            while (true)
            {
                try
                {
                    await Task.Delay(Backoff(failures++), _timeProvider, token).ConfigureAwait(false);
                    subscription = await _feed.SubscribeAsync(stream, token).ConfigureAwait(false);
                    lock (_gate)
                    {
                        _streamsDown--;
                    }

                    break;
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Log.ResubscribeFailed(_logger, stream.Name, ex);
                }
            }

            _syncSignal.Writer.TryWrite(true);
        }
    }

    /// <summary>The sync loop: one snapshot at a time, each after the private connection is back when a loss asked for it.</summary>
    private async Task RunAsync()
    {
        var token = _disposeCts.Token;
        try
        {
            while (await _syncSignal.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                _syncSignal.Reader.TryRead(out _);
                bool wait;
                lock (_gate)
                {
                    wait = _waitForResubscribe;
                    _waitForResubscribe = false;
                }

                if (wait)
                {
                    foreach (var name in _streamNames)
                    {
                        await _feed.WaitUntilResubscribedAsync(name, token).ConfigureAwait(false);
                    }
                }

                await SyncWithRetryAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A bug: say so loudly rather than leave StartAsync waiting forever.
            Log.SyncLoopFailed(_logger, ex);
            _firstSynced.TrySetException(ex);
        }
    }

    /// <summary>Reads and merges a snapshot, retrying with backoff; gives up only when a newer loss will sync again, or at a final failure of the first sync.</summary>
    private async Task SyncWithRetryAsync(CancellationToken token)
    {
        for (var attempt = 0; ; attempt++)
        {
            long epoch;
            bool initial;
            lock (_gate)
            {
                if (_waitForResubscribe || _streamsDown > 0)
                {
                    // Lost again before this attempt (or a stream is down): the loop syncs once it is back.
                    return;
                }

                epoch = _lossEpoch;
                initial = !_everSynced;
            }

            try
            {
                var snapshot = await ReadSnapshotAsync(initial, token).ConfigureAwait(false);
                lock (_gate)
                {
                    if (_lossEpoch != epoch || _streamsDown > 0)
                    {
                        // Read across a loss: not applied at all; the loss asked for another snapshot.
                        return;
                    }

                    Merge(snapshot);
                }

                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                if (initial && !IsTransient(ex))
                {
                    Log.SnapshotFailedFinally(_logger, ex);
                    _firstSynced.TrySetException(ex);
                    return;
                }

                var delay = Backoff(attempt);
                Log.SnapshotFailed(_logger, attempt + 1, delay, ex);
                await Task.Delay(delay, _timeProvider, token).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        BackpackStreamException stream => stream.IsTransient,
        HttpRequestException or TimeoutException or OperationCanceledException or IOException => true,
        _ => false,
    };

    /// <summary>Periodic reconciliation: only from Synced, with no snapshot already due.</summary>
    private void OnReconcileTimer()
    {
        lock (_gate)
        {
            if (_state != AccountState.Synced || _buffering)
            {
                return;
            }

            _buffering = true;
        }

        _syncSignal.Writer.TryWrite(true);
    }

    /// <summary>At a connection-lost marker (or an ended stream): Stale at once, events buffered until the next snapshot.</summary>
    private void OnConnectionLost(string streamName, bool waitForResubscribe)
    {
        lock (_gate)
        {
            _lossEpoch++;
            _buffering = true;
            _waitForResubscribe |= waitForResubscribe;
            if (_state == AccountState.Synced)
            {
                SetStateLocked(AccountState.Stale);
                RefreshLocked();
            }
        }

        Log.ConnectionLost(_logger, streamName);
        _syncSignal.Writer.TryWrite(true);
    }

    private void OnOrderUpdate(OrderUpdate update)
    {
        lock (_gate)
        {
            if (_buffering)
            {
                _pending.Add(new PendingEvent(++_arrivals, update, null, null));
                return;
            }

            ApplyOrderEventLocked(update);
            RefreshLocked();
        }
    }

    private void OnPositionUpdate(PositionUpdate update)
    {
        lock (_gate)
        {
            if (_buffering)
            {
                _pending.Add(new PendingEvent(++_arrivals, null, update, null));
                return;
            }

            ApplyPositionEventLocked(update);
            RefreshLocked();
        }
    }

    private void OnBalanceUpdate(BalanceUpdate update)
    {
        lock (_gate)
        {
            if (_buffering)
            {
                _pending.Add(new PendingEvent(++_arrivals, null, null, update));
                return;
            }

            ApplyBalanceEventLocked(update);
            RefreshLocked();
        }
    }

    private void SetStateLocked(AccountState state)
    {
        if (_state != state)
        {
            Log.StateChanged(_logger, _state, state);
            _state = state;
            _stateChangedAt = _timeProvider.GetUtcNow();
        }
    }

    private void RefreshLocked() =>
        _snapshot = new AccountSnapshot(_state, _openOrders, _positions, _balances, _timeProvider.GetUtcNow());

    /// <summary>Hands a change to every watcher; one that is full ends as a slow consumer (changes are never dropped).</summary>
    private void PublishLocked(AccountChangeKind kind, AccountChangeSource source, Order? order = null, Fill? fill = null, FuturePosition? position = null, AssetBalance? balance = null)
    {
        var change = new AccountChange
        {
            Kind = kind,
            Source = source,
            Time = _timeProvider.GetUtcNow(),
            Order = order,
            Fill = fill,
            Position = position,
            Balance = balance,
        };
        for (var i = _watchers.Count - 1; i >= 0; i--)
        {
            var watcher = _watchers[i];
            if (!watcher.Writer.TryWrite(change))
            {
                watcher.Writer.TryComplete(new BackpackStreamException(
                    BackpackStreamErrorCode.SlowConsumer,
                    $"The consumer of the account changes fell {_options.ChangeCapacity} changes behind; changes are never dropped, so its enumeration ended. Read faster or raise {nameof(BackpackAccountTrackerOptions.ChangeCapacity)}."));
                _watchers.RemoveAt(i);
            }
        }
    }
}

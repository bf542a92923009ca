using Backpack.WebSockets.Account;
using Backpack.WebSockets.Rest;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Backpack.WebSockets;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Testing;
using Microsoft.Extensions.Options;

namespace Backpack.Soak;

/// <summary>
/// The soak run: the fake exchange and simulator stepping in real time, one client with the default reconnect policy,
/// an order book, a trade consumer that stalls, a private order stream recorded event by event, and faults on a
/// seeded schedule. Shared by the <c>Backpack.Soak</c> sample and the soak test (which links this folder).
/// </summary>
/// <remarks>
/// Faults come one at a time: the next is injected only once the previous one has healed (client connected on one
/// server connection, every stream subscribed again, book synced and resynced once per fault), so each fault's
/// reconnects and resyncs can be counted exactly. Private events written while the client is away are lost by design
/// (Backpack has no replay), so delivery is checked against what the server wrote on each connection
/// (<see cref="BackpackTestServer.FrameSent"/>).
/// </remarks>
internal sealed class SoakScenario
{
    /// <summary>The private stream recorded event by event.</summary>
    private const string OrderStream = "account.orderUpdate";

    private readonly SoakOptions _options;
    private readonly Action<string> _progress;

    /// <summary>Guards the sent and received events and the drain target.</summary>
    private readonly Lock _eventsLock = new();
    private readonly List<SentEvent> _sent = [];
    private readonly List<string> _received = [];
    private readonly HashSet<string> _receivedKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<SoakFault, int> _faults = Enum.GetValues<SoakFault>().ToDictionary(fault => fault, _ => 0);
    private readonly List<MemorySample> _memory = [];
    private readonly List<string> _failures = [];
    private readonly Lock _accountLock = new();
    private readonly Dictionary<string, int> _accountChanges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fillPublications = new(StringComparer.Ordinal);

    /// <summary>The fault that ended each connection (by server connection id), to tell which faults lose events in flight.</summary>
    private readonly Dictionary<long, SoakFault> _connectionEndedBy = [];

    /// <summary>Completed when the consumer receives <see cref="_drainKey"/>.</summary>
    private TaskCompletionSource? _drained;

    /// <summary>The stalled consumer's subscription, for the progress lines.</summary>
    private BackpackSubscription<Trade>? _tradeSubscription;
    private string? _drainKey;

    private long _framesWritten;
    private int _reconnecting;
    private int _reconnected;
    private int _reconnectAttempts;
    private int _unobserved;
    private int _handshakesRejected;
    /// <summary>
    /// Sockets the client keeps: the public one and the one dedicated to private streams. Every connection fault hits
    /// both, and each reconnects on its own; the book's connection is only the public one.
    /// </summary>
    private const int SocketsPerClient = 2;

    private int _expectedReconnects;
    private int _expectedResyncs;
    private int _tradeStalls;
    private long _tradesReceived;
    private long _tradeOrderViolations;

    private SoakScenario(SoakOptions options, Action<string>? progress)
    {
        _options = options;
        _progress = progress ?? (_ => { });
    }

    /// <summary>Runs the scenario for <see cref="SoakOptions.Duration"/>, checks the end state and returns the figures.</summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="progress">Receives a progress line at each memory sample; optional.</param>
    /// <param name="cancellationToken">Stops the run early (the checks still run).</param>
    /// <returns>The report; <see cref="SoakReport.Passed"/> tells whether every check held.</returns>
    public static Task<SoakReport> RunAsync(SoakOptions options, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Duration, TimeSpan.Zero);
        if (!SimulatedMarket.CreateDefaults().Any(market => market.Symbol == options.Symbol))
        {
            throw new ArgumentException($"'{options.Symbol}' is not one of the simulator's default markets.", nameof(options));
        }

        return new SoakScenario(options, progress).RunCoreAsync(cancellationToken);
    }

    private async Task<SoakReport> RunCoreAsync(CancellationToken cancellationToken)
    {
        TaskScheduler.UnobservedTaskException += OnUnobservedTaskException;
        try
        {
            var clock = Stopwatch.StartNew();
            var report = await RunExchangeAsync(clock, cancellationToken).ConfigureAwait(false);

            // Everything is disposed: whatever task failed unobserved is garbage now; finalizing it raises the event.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var unobserved = Volatile.Read(ref _unobserved);
            if (unobserved > 0)
            {
                _failures.Add($"{unobserved} task exception(s) went unobserved.");
            }

            return report with { UnobservedTaskExceptions = unobserved, Elapsed = clock.Elapsed, Failures = [.. _failures] };
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobservedTaskException;
        }
    }

    /// <summary>Starts the exchange and the client, runs the market with faults, checks the end state; disposes everything before returning.</summary>
    private async Task<SoakReport> RunExchangeAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        // A key derived from the seed, so that the run is reproducible; the server only knows its public half.
        var seedRandom = new Random(_options.Seed);
        var seedBytes = new byte[32];
        seedRandom.NextBytes(seedBytes);
        var secret = Convert.ToBase64String(seedBytes);
        string publicKey;
        using (var signer = Ed25519Signer.FromBase64SecretKey(secret))
        {
            publicKey = signer.PublicKeyBase64;
        }

        var market = SimulatedMarket.CreateDefaults().First(m => m.Symbol == _options.Symbol);

        await using var server = new BackpackTestServer(new BackpackTestServerOptions { ApiPublicKey = publicKey });
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        server.FrameSent += OnFrameSent;
        var simulator = new MarketSimulator(server, new MarketSimulatorOptions
        {
            Seed = _options.Seed,
            Symbols = [market],
            AccountPublicKey = publicKey,
            AccountActivity = _options.AccountActivity,
            TradeProbability = _options.TradeProbability,
        });

        using var resyncLog = new ResyncLog();
        var clientOptions = new BackpackStreamClientOptions
        {
            Endpoint = server.WebSocketUri,
            RestEndpoint = server.RestUri,
            ApiSecret = secret,
            StreamCapacity = _options.StreamCapacity,
        };
        await using var client = new BackpackStreamClient(Options.Create(clientOptions), loggerFactory: resyncLog);
        ObserveReconnects(client);

        var tradesStream = BackpackStreams.Trades(_options.Symbol);
        await using var orders = await client.SubscribeAsync(BackpackStreams.OrderUpdates(), cancellationToken).ConfigureAwait(false);
        await using var trades = await client.SubscribeAsync(tradesStream, cancellationToken).ConfigureAwait(false);
        _tradeSubscription = trades;
        await using var book = new BackpackOrderBook(client, _options.Symbol);

        // The local account beside the raw order stream: it must end equal to the exchange's account, having reconciled
        // after every loss of its (private) connection.
        using var rest = new BackpackRestClient(new BackpackRestClientOptions { RestEndpoint = server.RestUri, ApiSecret = secret });
        await using var tracker = new BackpackAccountTracker(client, rest);
        var trackerStart = tracker.StartAsync(cancellationToken);

        using var consumersStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var orderConsumer = Task.Run(() => ConsumeOrdersAsync(orders, consumersStop.Token), CancellationToken.None);
        var tradeConsumer = Task.Run(() => ConsumeTradesAsync(trades, consumersStop.Token), CancellationToken.None);
        var trackerWatch = Task.Run(() => WatchAccountAsync(tracker, consumersStop.Token), CancellationToken.None);

        // The book syncs from a snapshot plus diffs, so it needs the market running: start it beside the stepping.
        var bookStart = book.StartAsync(cancellationToken);
        var streams = new[] { $"depth.{_options.Symbol}", tradesStream.Name, OrderStream };
        await RunMarketAsync(server, simulator, client, book, tracker, resyncLog, streams, clock, cancellationToken).ConfigureAwait(false);
        await ObserveAsync(bookStart, "book start").ConfigureAwait(false);
        await ObserveAsync(trackerStart, "account tracker start").ConfigureAwait(false);

        // The market stands still now: the book must reach the server's last update and equal its book.
        var expected = simulator.GetBook(_options.Symbol, 50);
        var (bookMatched, bookUpdateId) = await CompareBookAsync(book, expected).ConfigureAwait(false);

        // The account must converge on the exchange's, now that nothing changes any more.
        var accountDifference = await CompareAccountAsync(tracker, server.Account).ConfigureAwait(false);
        var reconciliations = tracker.ReconcileCount;

        // Every order event written on the live connection must arrive; wait for the last one.
        var liveConnection = LiveOrderConnection(server);
        await DrainOrdersAsync(liveConnection).ConfigureAwait(false);
        var finalState = client.State;
        var resyncs = book.ResyncCount;
        var tradesDropped = trades.DroppedCount;
        var parseFailures = client.ParseFailureCount;

        await consumersStop.CancelAsync().ConfigureAwait(false);
        await ObserveAsync(orderConsumer, "order consumer").ConfigureAwait(false);
        await ObserveAsync(tradeConsumer, "trade consumer").ConfigureAwait(false);
        await ObserveAsync(trackerWatch, "account watcher").ConfigureAwait(false);
        SampleMemory(clock.Elapsed);

        DeliveryResult delivery;
        lock (_eventsLock)
        {
            delivery = DeliveryCheck.Compare(_sent, _received, liveConnection);
        }

        var growth = ManagedGrowth();
        Check(bookMatched, $"the book (update {bookUpdateId}) does not equal the server's top 50 (update {expected.LastUpdateId}).");
        Check(accountDifference is null, $"the account tracker ended different from the exchange's account ({accountDifference}).");
        Check(reconciliations >= _expectedReconnects, $"{_expectedReconnects} connection faults but only {reconciliations} account reconciliations.");
        int duplicateFills;
        lock (_accountLock)
        {
            duplicateFills = _fillPublications.Values.Count(n => n > 1);
        }

        Check(duplicateFills == 0, $"{duplicateFills} fills were published more than once by the account tracker.");
        Check(delivery.IsExactlyOnceInOrder, "private events were not delivered exactly once and in order (see the counts).");
        Check(delivery.Sent > 0, "the server wrote no private event: the private stream was not exercised.");
        Check(finalState == BackpackConnectionState.Connected, $"the client ended {finalState}, not Connected.");
        var expectedEvents = _expectedReconnects * SocketsPerClient;
        Check(Volatile.Read(ref _reconnecting) == expectedEvents && Volatile.Read(ref _reconnected) == expectedEvents,
            $"{_expectedReconnects} connection faults on {SocketsPerClient} sockets but {_reconnecting} Reconnecting and {_reconnected} Reconnected events.");
        Check(Volatile.Read(ref _reconnectAttempts) == expectedEvents + _handshakesRejected,
            $"{expectedEvents} reconnects and {_handshakesRejected} rejected handshakes but {_reconnectAttempts} connection attempts.");
        // Each connection fault must resync the book once for the reconnect and each gap once for the gap; resyncs beyond
        // those (a depth-buffer overflow on a busy machine, a gap seen on the new connection before the reconnect is
        // handled) are reported, by reason and by the fault being healed when they happened.
        var byReason = resyncLog.ByReason;
        Check(byReason.Values.Sum() == resyncs, $"the book counts {resyncs} resyncs but logged {byReason.Values.Sum()} ({FormatReasons(byReason)}).");
        Check(ConnectionResyncs(resyncLog) == _expectedReconnects, $"{_expectedReconnects} connection faults but {ConnectionResyncs(resyncLog)} resyncs for a lost connection ({FormatReasons(byReason)}).");
        Check(resyncLog.Count("Gap") >= _faults[SoakFault.Gap], $"{_faults[SoakFault.Gap]} gaps injected but only {resyncLog.Count("Gap")} gap resyncs.");
        var lostByFault = delivery.LostInFlightConnectionIds
            .GroupBy(id => _connectionEndedBy.TryGetValue(id, out var fault) ? fault.ToString() : "unknown")
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        Check(!lostByFault.ContainsKey(nameof(SoakFault.CloseFrame)) && !lostByFault.ContainsKey("unknown"),
            $"events were lost in flight on connections that a Close frame (or no fault) ended: {FormatReasons(lostByFault)}.");
        Check(Interlocked.Read(ref _tradeOrderViolations) == 0, $"{_tradeOrderViolations} trades arrived with an id not above the previous one.");
        Check(parseFailures == 0, $"{parseFailures} frames failed to parse.");
        Check(growth is null || growth <= _options.MaxManagedGrowthBytes,
            $"the managed heap grew {growth} bytes after warm-up (bound {_options.MaxManagedGrowthBytes}).");

        return new SoakReport
        {
            Options = _options,
            Steps = simulator.StepCount,
            FramesWritten = Interlocked.Read(ref _framesWritten),
            Faults = new Dictionary<SoakFault, int>(_faults),
            HandshakesRejected = _handshakesRejected,
            ExpectedReconnects = _expectedReconnects * SocketsPerClient,
            ReconnectingEvents = Volatile.Read(ref _reconnecting),
            ReconnectedEvents = Volatile.Read(ref _reconnected),
            ReconnectAttempts = Volatile.Read(ref _reconnectAttempts),
            ServerConnections = server.TotalConnectionCount,
            ExpectedResyncs = _expectedResyncs,
            Resyncs = resyncs,
            ResyncReasons = FormatReasons(byReason),
            ResyncPhases = FormatReasons(resyncLog.ByReasonAndPhase),
            LostInFlightByFault = FormatReasons(lostByFault),
            BookMatched = bookMatched,
            AccountDifference = accountDifference ?? "none",
            AccountReconciliations = reconciliations,
            AccountChanges = FormatReasons(AccountChangesBySource()),
            BookLastUpdateId = bookUpdateId,
            TradesReceived = Interlocked.Read(ref _tradesReceived),
            TradesDropped = tradesDropped,
            TradeStalls = Volatile.Read(ref _tradeStalls),
            Delivery = delivery,
            Memory = [.. _memory],
            ManagedGrowthBytes = growth ?? 0,
            FinalState = finalState.ToString(),
            ParseFailures = parseFailures,
        };
    }

    /// <summary>The scenario's only subscriptions to the client's events (kept in one place: their signatures may change).</summary>
    private void ObserveReconnects(BackpackStreamClient client)
    {
        client.Reconnecting += _ =>
        {
            Interlocked.Increment(ref _reconnecting);
            return Task.CompletedTask;
        };
        client.Reconnected += args =>
        {
            Interlocked.Increment(ref _reconnected);
            Interlocked.Add(ref _reconnectAttempts, args.Attempts);
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Steps the market on a steady beat and injects the faults; samples memory. Past the duration it keeps stepping
    /// until the last fault has healed, so that the book can catch up from a live stream.
    /// </summary>
    private async Task RunMarketAsync(BackpackTestServer server, MarketSimulator simulator, BackpackStreamClient client, BackpackOrderBook book, BackpackAccountTracker tracker, ResyncLog resyncLog, string[] streams, Stopwatch clock, CancellationToken cancellationToken)
    {
        var faultRandom = new Random(_options.Seed + 1);
        var nextFaultStep = (long)faultRandom.Next(_options.MinStepsBetweenFaults, _options.MaxStepsBetweenFaults);
        var lastFault = clock.Elapsed;
        var lastFaultName = "start-up";
        var connectionsRequired = 1L;

        // Each fault heals only with its own resync: counted from the fault on, so an earlier extra resync cannot stand in.
        var gapResyncsRequired = 0;
        var connectionResyncsRequired = 0;
        var reconcilesRequired = 0;
        var nextSample = TimeSpan.Zero;
        using var timer = new PeriodicTimer(_options.StepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await simulator.StepAsync(1, cancellationToken).ConfigureAwait(false);
                var elapsed = clock.Elapsed;
                if (elapsed >= nextSample)
                {
                    SampleMemory(elapsed);
                    nextSample = elapsed + _options.MemorySampleInterval;
                    _progress(string.Create(CultureInfo.InvariantCulture,
                        $"{elapsed.TotalSeconds,6:F0} s: steps {simulator.StepCount}, faults {_faults.Values.Sum()}, reconnects {_reconnected}, resyncs {book.ResyncCount}, trades {Interlocked.Read(ref _tradesReceived)} (dropped {_tradeSubscription?.DroppedCount ?? 0}), private sent {SentCount()} received {ReceivedCount()}, heap {_memory[^1].ManagedBytes / 1048576.0:F1} MB"));
                }

                var healed = client.State == BackpackConnectionState.Connected
                    && server.ConnectionCount == SocketsPerClient
                    && server.TotalConnectionCount >= connectionsRequired
                    && streams.All(server.HasSubscribers)
                    && book.State == OrderBookState.Synced
                    && ConnectionResyncs(resyncLog) >= connectionResyncsRequired
                    && resyncLog.Count("Gap") >= gapResyncsRequired

                    // The account heals too: reconciled after this fault and Synced, before the next fault comes.
                    && tracker.State == AccountState.Synced
                    && tracker.ReconcileCount >= reconcilesRequired;
                if (!healed)
                {
                    if (elapsed - lastFault > _options.RecoveryTimeout)
                    {
                        _failures.Add($"{lastFaultName} at {lastFault.TotalSeconds:F1} s did not heal within {_options.RecoveryTimeout.TotalSeconds:F0} s: client {client.State}, server connections {server.ConnectionCount}, book {book.State} with {book.ResyncCount}/{_expectedResyncs} resyncs, account {tracker.State} with {tracker.ReconcileCount}/{reconcilesRequired} reconciliations.");
                        return;
                    }

                    continue;
                }

                resyncLog.Phase = "steady";
                if (elapsed >= _options.Duration)
                {
                    return;
                }

                if (simulator.StepCount < nextFaultStep)
                {
                    continue;
                }

                var fault = (SoakFault)faultRandom.Next(Enum.GetValues<SoakFault>().Length);
                if (fault != SoakFault.Gap)
                {
                    // Healed only on new connections: the old ones may linger until the client answers a Close frame.
                    connectionsRequired = server.TotalConnectionCount + SocketsPerClient;
                }

                if (fault != SoakFault.Gap && LiveOrderConnection(server) is var ended and not 0)
                {
                    _connectionEndedBy[ended] = fault;
                }

                if (fault == SoakFault.Gap)
                {
                    gapResyncsRequired = resyncLog.Count("Gap") + 1;
                }
                else
                {
                    connectionResyncsRequired = ConnectionResyncs(resyncLog) + 1;
                    reconcilesRequired = tracker.ReconcileCount + 1;
                }

                resyncLog.Phase = fault.ToString();
                await InjectAsync(fault, server, simulator, faultRandom, cancellationToken).ConfigureAwait(false);
                _faults[fault]++;
                lastFault = elapsed;
                lastFaultName = fault.ToString();
                nextFaultStep = simulator.StepCount + faultRandom.Next(_options.MinStepsBetweenFaults, _options.MaxStepsBetweenFaults);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _failures.Add("the run was cancelled before the end of its duration.");
        }

    }

    /// <summary>Injects one fault and counts the reconnect and resync it must cause.</summary>
    private async Task InjectAsync(SoakFault fault, BackpackTestServer server, MarketSimulator simulator, Random random, CancellationToken cancellationToken)
    {
        switch (fault)
        {
            case SoakFault.Drop:
                server.DropAllConnections();
                _expectedReconnects++;
                break;
            case SoakFault.CloseFrame:
                await server.CloseAllConnectionsAsync(WebSocketCloseStatus.EndpointUnavailable, "soak", cancellationToken).ConfigureAwait(false);
                _expectedReconnects++;
                break;
            case SoakFault.Gap:
                simulator.InjectGap(_options.Symbol);
                break;
            case SoakFault.RejectedHandshakes:
                var count = random.Next(1, 3);
                server.RejectNextHandshakes(count, 503);
                server.DropAllConnections();
                _handshakesRejected += count;
                _expectedReconnects++;
                break;
        }

        // Each fault breaks the book once: a gap by the sequence, a lost connection by going Stale.
        _expectedResyncs++;
    }

    /// <summary>Records every order event, in arrival order, and signals the drain target.</summary>
    private async Task ConsumeOrdersAsync(BackpackSubscription<OrderUpdate> orders, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in orders.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var key = Key(update);
                lock (_eventsLock)
                {
                    _received.Add(key);
                    _receivedKeys.Add(key);
                    if (key == _drainKey)
                    {
                        _drained?.TrySetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The end of the run.
        }
    }

    /// <summary>Reads trades for a while, then stops reading for a long stretch, so the subscription's buffer drops its oldest items.</summary>
    private async Task ConsumeTradesAsync(BackpackSubscription<Trade> trades, CancellationToken cancellationToken)
    {
        var random = new Random(_options.Seed + 2);
        var lastTradeId = long.MinValue;
        try
        {
            await using var reader = trades.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                var stretch = Stopwatch.StartNew();
                var readFor = _options.MaxReadStretch * random.NextDouble();
                while (stretch.Elapsed < readFor)
                {
                    if (!await reader.MoveNextAsync().ConfigureAwait(false))
                    {
                        return;
                    }

                    if (reader.Current.TradeId <= lastTradeId)
                    {
                        Interlocked.Increment(ref _tradeOrderViolations);
                    }

                    lastTradeId = reader.Current.TradeId;
                    Interlocked.Increment(ref _tradesReceived);
                }

                // The stall is the point of this consumer: a pause in real time, not a wait for some condition.
                var stall = _options.MaxStall * (1 + (2 * random.NextDouble())) / 3;
                Interlocked.Increment(ref _tradeStalls);
                await Task.Delay(stall, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The end of the run.
        }
    }

    /// <summary>Waits (bounded) until the consumer has the last order event written on <paramref name="liveConnection"/>.</summary>
    private async Task DrainOrdersAsync(long liveConnection)
    {
        Task drained;
        lock (_eventsLock)
        {
            var last = _sent.FindLast(sent => sent.ConnectionId == liveConnection);
            if (last.Key is null || _receivedKeys.Contains(last.Key))
            {
                return;
            }

            _drainKey = last.Key;
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }

        try
        {
            await drained.WaitAsync(_options.RecoveryTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The delivery check reports what is missing.
        }
    }

    /// <summary>Counts the tracker's changes by source and kind, and how often each fill was published.</summary>
    private async Task WatchAccountAsync(BackpackAccountTracker tracker, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in tracker.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_accountLock)
                {
                    var key = $"{change.Source} {change.Kind}";
                    _accountChanges[key] = _accountChanges.GetValueOrDefault(key) + 1;
                    if (change.Fill is { } fill)
                    {
                        var id = $"{fill.Symbol}|{fill.TradeId}";
                        _fillPublications[id] = _fillPublications.GetValueOrDefault(id) + 1;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The end of the run.
        }
    }

    private Dictionary<string, int> AccountChangesBySource()
    {
        lock (_accountLock)
        {
            return new Dictionary<string, int>(_accountChanges, StringComparer.Ordinal);
        }
    }

    /// <summary>Waits (bounded) until the tracker is Synced and equal to the exchange's account; returns the last difference, or null.</summary>
    private async Task<string?> CompareAccountAsync(BackpackAccountTracker tracker, BackpackTestAccount account)
    {
        var deadline = Stopwatch.StartNew();
        string? difference = "not synced";
        while (deadline.Elapsed < _options.RecoveryTimeout)
        {
            var snapshot = tracker.GetSnapshot();
            difference = snapshot.State == AccountState.Synced ? account.FindDifference(snapshot) : $"state {snapshot.State}";
            if (difference is null)
            {
                return null;
            }

            // Polls a state that settles by itself (events in flight, a reconciliation under way); bounded by the timeout.
            await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }

        return difference;
    }

    /// <summary>Waits (bounded) for the book to reach <paramref name="expected"/>'s update and compares the top 50 levels.</summary>
    private async Task<(bool Matched, long LastUpdateId)> CompareBookAsync(BackpackOrderBook book, BookSnapshot expected)
    {
        using var timeout = new CancellationTokenSource(_options.RecoveryTimeout);
        var actual = book.GetSnapshot(50);
        try
        {
            await foreach (var snapshot in book.WatchAsync(50, timeout.Token).ConfigureAwait(false))
            {
                actual = snapshot;
                if (snapshot.State == OrderBookState.Synced && snapshot.LastUpdateId >= expected.LastUpdateId)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _failures.Add($"the book did not reach update {expected.LastUpdateId} within {_options.RecoveryTimeout.TotalSeconds:F0} s (at {actual.LastUpdateId}, {actual.State}).");
        }

        var matched = actual.State == OrderBookState.Synced
            && actual.LastUpdateId == expected.LastUpdateId
            && actual.Bids.Select(l => (l.Price, l.Quantity)).SequenceEqual(expected.Bids.Select(l => (l.Price, l.Quantity)))
            && actual.Asks.Select(l => (l.Price, l.Quantity)).SequenceEqual(expected.Asks.Select(l => (l.Price, l.Quantity)));
        return (matched, actual.LastUpdateId);
    }

    /// <summary>Records the order events the server writes (and counts every data frame).</summary>
    private void OnFrameSent(object? sender, FrameSentEventArgs e)
    {
        Interlocked.Increment(ref _framesWritten);
        if (e.Stream != OrderStream)
        {
            return;
        }

        using var document = JsonDocument.Parse(e.Frame);
        var data = document.RootElement.GetProperty("data");
        var trade = data.GetProperty("t");
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{data.GetProperty("e").GetString()}|{data.GetProperty("i").GetString()}|{(trade.ValueKind == JsonValueKind.Number ? trade.GetInt64() : null)}");
        lock (_eventsLock)
        {
            _sent.Add(new SentEvent(e.ConnectionId, key));
        }
    }

    /// <summary>The same identity as <see cref="OnFrameSent"/> builds from the wire: event type (wire name), order id, trade id.</summary>
    private static string Key(OrderUpdate update)
    {
        var type = update.EventType.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"{char.ToLowerInvariant(type[0])}{type[1..]}|{update.OrderId}|{update.TradeId}");
    }

    private void OnUnobservedTaskException(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        Interlocked.Increment(ref _unobserved);
        _progress("Unobserved task exception: " + e.Exception.GetBaseException().Message);
        e.SetObserved();
    }

    /// <summary>Awaits a background task of the run, turning its failure into a reported one.</summary>
    private async Task ObserveAsync(Task task, string name)
    {
        try
        {
            await task.WaitAsync(_options.RecoveryTimeout).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _failures.Add($"{name} failed: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private void SampleMemory(TimeSpan elapsed) =>
        _memory.Add(new MemorySample(elapsed, GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet));

    /// <summary>The managed heap's growth from the first sample after warm-up to the last, or null without such a sample.</summary>
    private long? ManagedGrowth()
    {
        var baseline = _memory.FindIndex(sample => sample.Elapsed >= _options.WarmUp);
        return baseline < 0 || baseline == _memory.Count - 1 ? null : _memory[^1].ManagedBytes - _memory[baseline].ManagedBytes;
    }

    /// <summary>Resyncs the book logged for a lost connection.</summary>
    private static int ConnectionResyncs(ResyncLog resyncLog) =>
        resyncLog.Count("Reconnected") + resyncLog.Count("ConnectionLost") + resyncLog.Count("SubscriptionEnded");

    /// <summary>The connection of the last accepted order-stream subscription: the one the client holds now.</summary>
    private static long LiveOrderConnection(BackpackTestServer server) =>
        server.Requests.LastOrDefault(r => r.IsSubscribe(OrderStream) && r.ErrorCode is null)?.ConnectionId ?? 0;

    private static string FormatReasons(IReadOnlyDictionary<string, int> byReason) =>
        byReason.Count == 0 ? "none" : string.Join(", ", byReason.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));

    private void Check(bool condition, string failure)
    {
        if (!condition)
        {
            _failures.Add(failure);
        }
    }

    private int SentCount()
    {
        lock (_eventsLock)
        {
            return _sent.Count;
        }
    }

    private int ReceivedCount()
    {
        lock (_eventsLock)
        {
            return _received.Count;
        }
    }
}

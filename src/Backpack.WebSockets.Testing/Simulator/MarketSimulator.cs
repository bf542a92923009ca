namespace Backpack.WebSockets.Testing;

/// <summary>
/// A seeded market simulator that publishes through a <see cref="BackpackTestServer"/>: an order book per market that
/// moves as a random walk, with depth diffs, aggregated depth, book ticker, trades, 24 h ticker, candles, mark price,
/// open interest, liquidations and (with an account key) order, balance and position events, all written as the live
/// wire writes them (spec §6, §7). The server's REST depth endpoint serves the same books.
/// </summary>
/// <remarks>
/// <para>
/// Deterministic: the same <see cref="MarketSimulatorOptions.Seed"/>, markets and clock readings give the same frames.
/// Event times come from the server's clock (<see cref="BackpackTestServer.UtcNow"/>), read once per step; use a
/// <c>FakeTimeProvider</c> and advance it between steps for reproducible time-driven streams (ticker, candles, mark
/// price every simulated second; open interest every 60 s; aggregated depth windows).
/// </para>
/// <para>
/// Each step makes one engine update per market (sometimes several, published as one depth message with <c>U &lt; u</c>).
/// Frames are only written for streams that have subscribers, which does not change what the simulation does.
/// </para>
/// <para>
/// Simplifications: the <c>ticker</c> statistics run from the simulator's start rather than over a rolling 24 h; the
/// account's orders are resting limit orders joining the best level and filled as makers by simulated trades;
/// balances are locked for spot orders only; RFQ streams are accepted by the server but not simulated.
/// </para>
/// <para>All public members are thread-safe; steps are serialized.</para>
/// </remarks>
public sealed partial class MarketSimulator
{
    /// <summary>A side never shrinks below this many levels, so the book always has a best bid and ask.</summary>
    private const int MinLevelsPerSide = 10;

    /// <summary>The largest quantity a level is given, in lots.</summary>
    private const long MaxLotsPerLevel = 5000;

    /// <summary>Guards all simulation state.</summary>
    private readonly Lock _lock = new();

    /// <summary>Serializes steps, so that frames of consecutive steps are published in order.</summary>
    private readonly SemaphoreSlim _stepGate = new(1, 1);

    /// <summary>The server that publishes the frames and serves the books.</summary>
    private readonly BackpackTestServer _server;

    /// <summary>The options given at construction.</summary>
    private readonly MarketSimulatorOptions _options;

    /// <summary>The only source of randomness.</summary>
    private readonly Random _random;

    /// <summary>The markets, in option order (which is also publish order).</summary>
    private readonly MarketState[] _markets;

    /// <summary>The stocks whose provider streams are published, in option order.</summary>
    private readonly SimulatedStock[] _stocks;

    /// <summary>The markets by symbol.</summary>
    private readonly Dictionary<string, MarketState> _bySymbol;

    /// <summary>The last order id handed out (ids increase by random steps).</summary>
    private long _lastOrderId;

    /// <summary>The Unix second of the last per-second publication.</summary>
    private long _lastSecond;

    /// <summary>The 60-second period of the last open-interest publication.</summary>
    private long _lastOpenInterestPeriod;

    /// <summary>See <see cref="SnapshotLag"/>.</summary>
    private int _snapshotLag;

    /// <summary>The number of steps made.</summary>
    private long _stepCount;

    /// <summary>The engine time of the step being made, µs.</summary>
    private long _engineTime;

    /// <summary>The event time of the step being made, µs (engine time plus a simulated latency).</summary>
    private long _eventTime;

    /// <summary>Creates a simulator and attaches it to <paramref name="server"/> (its symbols become known, REST depth serves its books).</summary>
    /// <param name="server">The server to publish through; started or not.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The markets are empty or repeat a symbol, an initial position names no perpetual market, or the account key differs from the server's API key.</exception>
    /// <exception cref="InvalidOperationException">Another simulator is already attached to the server.</exception>
    public MarketSimulator(BackpackTestServer server, MarketSimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server;
        _options = options ?? new MarketSimulatorOptions();
        var markets = _options.Symbols ?? throw new ArgumentException("Symbols must not be null.", nameof(options));
        if (markets.Count == 0 || markets.Select(market => market.Symbol).Distinct().Count() != markets.Count)
        {
            throw new ArgumentException("Symbols must name at least one market and no symbol twice.", nameof(options));
        }

        if (_options.AccountPublicKey is { } accountKey && accountKey != server.ApiPublicKey)
        {
            throw new ArgumentException("AccountPublicKey must equal the server's ApiPublicKey: only connections signed with that key receive account events.", nameof(options));
        }

        var tickers = _options.StockTickers ?? throw new ArgumentException("StockTickers must not be null.", nameof(options));
        if (tickers.Any(string.IsNullOrEmpty) || tickers.Distinct(StringComparer.Ordinal).Count() != tickers.Count)
        {
            throw new ArgumentException("StockTickers must not hold an empty ticker or one ticker twice.", nameof(options));
        }

        _stocks = [.. tickers.Select(ticker => new SimulatedStock(ticker))];
        _random = new Random(_options.Seed);
        var now = server.UtcNow;
        _lastOrderId = _random.NextInt64(10_000_000_000, 60_000_000_000);
        _markets = [.. markets.Select(market => CreateMarket(market, now))];
        _bySymbol = _markets.ToDictionary(state => state.Market.Symbol, StringComparer.Ordinal);
        InitializeAccount();
        _lastSecond = now.ToUnixMicroseconds() / 1_000_000;
        _lastOpenInterestPeriod = now.ToUnixMicroseconds() / 60_000_000;
        server.AttachSimulator(_bySymbol.Keys.Concat(tickers), GetRestSnapshot, GetSubscribeSnapshot);
    }

    /// <summary>The simulated symbols, in option order.</summary>
    public IReadOnlyList<string> Symbols => [.. _markets.Select(state => state.Market.Symbol)];

    /// <summary>The number of steps made so far.</summary>
    public long StepCount => Interlocked.Read(ref _stepCount);

    /// <summary>
    /// Makes <c>GET /api/v1/depth</c> serve each book as it was <c>SnapshotLag</c> engine updates ago (its
    /// <c>lastUpdateId</c> that much behind), as the real REST snapshot lags the stream. 0 serves the current book.
    /// </summary>
    /// <value>Default 0; at most <see cref="MarketSimulatorOptions.SnapshotHistory"/> (and the number of updates made so far).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or over <see cref="MarketSimulatorOptions.SnapshotHistory"/>.</exception>
    public int SnapshotLag
    {
        get => Volatile.Read(ref _snapshotLag);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _options.SnapshotHistory);
            Volatile.Write(ref _snapshotLag, value);
        }
    }

    /// <summary>
    /// Makes the next step of <paramref name="symbol"/> (of every market when <see langword="null"/>) apply one engine
    /// update that is not published, so the next depth message's <c>U</c> skips an id: a sequence gap on
    /// <c>depth.&lt;symbol&gt;</c> and on the aggregated depth streams. The hidden change is in the book and in later
    /// REST snapshots, so a client that resyncs recovers.
    /// </summary>
    /// <param name="symbol">The market, or <see langword="null"/> for all.</param>
    /// <exception cref="ArgumentException">The symbol is not simulated.</exception>
    public void InjectGap(string? symbol = null)
    {
        lock (_lock)
        {
            foreach (var state in symbol is null ? _markets : [Market(symbol)])
            {
                state.PendingGap = true;
            }
        }
    }

    /// <summary>The current book of <paramref name="symbol"/>, with <see cref="BookSnapshot.LastUpdateId"/> the last applied update id.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="depth">The most levels per side.</param>
    /// <returns>A copy.</returns>
    /// <exception cref="ArgumentException">The symbol is not simulated.</exception>
    public BookSnapshot GetBook(string symbol, int depth = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        lock (_lock)
        {
            var state = Market(symbol);
            return state.Book.ToSnapshot(state.Market, state.LastUpdateId, depth);
        }
    }

    /// <summary>Makes one step and publishes its frames, blocking until they are sent. Prefer <see cref="StepAsync"/> in async code.</summary>
    public void Step()
    {
        _stepGate.Wait();
        try
        {
            PublishAsync(Generate(), CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            _stepGate.Release();
        }
    }

    /// <summary>Makes <paramref name="count"/> steps, publishing each step's frames before the next step.</summary>
    /// <param name="count">The number of steps.</param>
    /// <param name="cancellationToken">Stops between (or during the publication of) steps.</param>
    /// <returns>A task that completes when every frame has been sent.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public async Task StepAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            await _stepGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await PublishAsync(Generate(), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _stepGate.Release();
            }
        }
    }

    /// <summary>Steps on a steady beat of the server's clock (e.g. every 50 ms for 20 steps a second) until cancelled; for viewers and demos.</summary>
    /// <param name="stepInterval">The time between steps.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that ends with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepInterval"/> is not positive.</exception>
    public async Task RunAsync(TimeSpan stepInterval, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stepInterval, TimeSpan.Zero);
        using var timer = new PeriodicTimer(stepInterval, _server.TimeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await StepAsync(1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes one step under the lock and returns the frames to publish.</summary>
    private FrameBatch Generate()
    {
        lock (_lock)
        {
            var now = _server.UtcNow;
            _engineTime = now.ToUnixMicroseconds();
            _eventTime = _engineTime + _random.Next(50, 1500);
            var batch = new FrameBatch(_server);
            foreach (var state in _markets)
            {
                FlushDueWindows(state, batch);
                CloseDueCandles(state, now.UtcDateTime, batch);
            }

            foreach (var state in _markets)
            {
                StepMarket(state, batch);
            }

            if (_engineTime / 1_000_000 > _lastSecond)
            {
                _lastSecond = _engineTime / 1_000_000;
                foreach (var state in _markets)
                {
                    PublishEverySecond(state, batch);
                    PublishExternalTicker(state, batch);
                }

                PublishStocks(batch);
            }

            if (_engineTime / 60_000_000 > _lastOpenInterestPeriod)
            {
                _lastOpenInterestPeriod = _engineTime / 60_000_000;
                foreach (var state in _markets.Where(state => state.Market.IsPerpetual))
                {
                    PublishOpenInterest(state, batch);
                }
            }

            Interlocked.Increment(ref _stepCount);
            return batch;
        }
    }

    /// <summary>Sends a step's frames in order.</summary>
    private async Task PublishAsync(FrameBatch batch, CancellationToken cancellationToken)
    {
        foreach (var (stream, frame) in batch.Frames)
        {
            await _server.PublishFrameAsync(stream, frame, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The REST snapshot: the book rolled back <see cref="SnapshotLag"/> engine updates.</summary>
    private BookSnapshot? GetRestSnapshot(string symbol)
    {
        lock (_lock)
        {
            if (!_bySymbol.TryGetValue(symbol, out var state))
            {
                return null;
            }

            var lag = Math.Min(SnapshotLag, state.History.Count);
            if (lag == 0)
            {
                return state.Book.ToSnapshot(state.Market, state.LastUpdateId, int.MaxValue);
            }

            var book = state.Book.Clone();
            foreach (var update in state.History.Skip(state.History.Count - lag).Reverse())
            {
                for (var i = update.Changes.Count - 1; i >= 0; i--)
                {
                    var change = update.Changes[i];
                    book.Set(change.IsBid, change.Ticks, change.OldLots);
                }
            }

            return book.ToSnapshot(state.Market, state.LastUpdateId - lag, int.MaxValue);
        }
    }

    /// <summary>The state of a simulated symbol.</summary>
    /// <exception cref="ArgumentException">The symbol is not simulated.</exception>
    private MarketState Market(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return _bySymbol.TryGetValue(symbol, out var state)
            ? state
            : throw new ArgumentException($"'{symbol}' is not a simulated market; simulated: {string.Join(", ", _bySymbol.Keys)}.", nameof(symbol));
    }

    /// <summary>The next order id, as the wire writes order ids (a decimal string).</summary>
    private string NextOrderId()
    {
        _lastOrderId += _random.Next(1, 50);
        return _lastOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics.Metrics;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.Connections;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Rest;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Backpack.WebSockets;

/// <summary>
/// The client for Backpack Exchange WebSocket streams: typed <see cref="IAsyncEnumerable{T}"/> subscriptions over a pool
/// of connections that reconnect on their own.
/// </summary>
/// <remarks>
/// <para>
/// Subscribe with a descriptor from <see cref="BackpackStreams"/>; the first subscribe connects. Two subscriptions to the
/// same stream share one server subscription and each receives every item. Private (<c>account.*</c>) subscribes are signed
/// with a fresh timestamp each time they are sent, and by default travel on a connection of their own
/// (<see cref="BackpackStreamClientOptions.DedicatedPrivateConnection"/>). Past
/// <see cref="BackpackStreamClientOptions.MaxStreamsPerConnection"/> streams further connections open; see
/// <see cref="Connections"/>.
/// </para>
/// <para>
/// All members are thread-safe. Each connection has one receive loop that reads its socket and never waits for a
/// consumer; each consumer has a bounded buffer of its own (see <see cref="BackpackSubscription{T}"/>).
/// </para>
/// <para>
/// A lost connection comes back by itself (<see cref="BackpackStreamClientOptions.ReconnectPolicy"/>): the client raises
/// <see cref="Reconnecting"/> naming the connection and its streams, reconnects it, subscribes its streams again (private
/// ones signed afresh), then raises <see cref="Reconnected"/> with the downtime. Streams on other connections are not
/// touched. Each consumer's <c>await foreach</c> goes on across reconnects; items published during the downtime are not
/// received. Only when the policy gives up does a connection's subscriptions end.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var client = new BackpackStreamClient(new BackpackStreamClientOptions());
/// await using var trades = await client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"), cancellationToken);
/// await foreach (var trade in trades.WithCancellation(cancellationToken))
/// {
///     Console.WriteLine($"{trade.Price} x {trade.Quantity}");
/// }
/// </code>
/// </example>
public partial class BackpackStreamClient : IAsyncDisposable, ISubscriptionOwner, IConnectionOwner
{
    /// <summary>Guards the registry: which streams exist, their consumers, and where each is placed.</summary>
    private readonly Lock _gate = new();

    /// <summary>Stream name to its registration and connection. Under <see cref="_gate"/>.</summary>
    private readonly Dictionary<string, StreamPlacement> _registry = new(StringComparer.Ordinal);

    private readonly ConnectionCounters _counters = new();
    private readonly BackpackStreamClientOptions _options = null!;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private readonly Ed25519Signer? _signer;
    private readonly BackpackStreamMetrics? _metrics;
    private readonly ConnectionPool _pool = null!;
    private readonly BackpackRestClient _rest = null!;
    private readonly HttpClient? _givenHttpClient;
    private readonly DateTimeOffset _createdAt;
    private Task? _disposeTask;
    private DateTimeOffset _closedAt;
    private long _clockOffsetMilliseconds;

    /// <summary>Creates a client with the given options and the default <see cref="ClientWebSocketConnector"/>.</summary>
    /// <param name="options">The options; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are invalid, or the API secret is not a valid Ed25519 key.</exception>
    public BackpackStreamClient(BackpackStreamClientOptions options)
        : this(Microsoft.Extensions.Options.Options.Create(options ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    /// <summary>Creates a client for dependency injection and tests.</summary>
    /// <param name="options">The options; read once, here.</param>
    /// <param name="connector">Opens WebSocket connections; defaults to <see cref="ClientWebSocketConnector"/>.</param>
    /// <param name="timeProvider">The clock for signatures and timeouts; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where logs go; defaults to none.</param>
    /// <param name="httpClient">For REST calls (depth snapshots, server time); when <see langword="null"/> the client creates one and disposes it.</param>
    /// <param name="meterFactory">
    /// Creates the <see cref="BackpackStreamDiagnostics.MeterName"/> meter; when <see langword="null"/>, the client creates its
    /// own meter and disposes it with the client. One meter serves every connection of the client.
    /// </param>
    /// <exception cref="ArgumentException">The options are invalid, or the API secret is not a valid Ed25519 key.</exception>
    public BackpackStreamClient(
        IOptions<BackpackStreamClientOptions> options,
        IWebSocketConnector? connector = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        HttpClient? httpClient = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value ?? throw new ArgumentException("The options value is null.", nameof(options));
        value.Validate();
        _options = value.Clone();
        connector ??= new ClientWebSocketConnector(_options.ToConnectorOptions());
        _timeProvider = timeProvider ?? TimeProvider.System;
        _createdAt = _timeProvider.GetUtcNow();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<BackpackStreamClient>();
        _signer = CreateSigner(_options);
        _givenHttpClient = httpClient;

        // The stream client's own REST reads (clock, depth snapshots) are not retried here: the order book paces its own
        // snapshot retries, and a failed clock sync keeps the last offset until the next connect.
        _rest = new BackpackRestClient(
            new BackpackRestClientOptions { RestEndpoint = _options.RestEndpoint, MaxRetries = 0 },
            httpClient,
            _timeProvider,
            _loggerFactory);
        _metrics = new BackpackStreamMetrics(meterFactory, () => ActiveStreamCount, SumBufferedItems, () => _pool.Count);
        var settings = new ConnectionSettings(
            _options.Endpoint,
            _options.MaxMessageSize,
            _options.SubscribeErrorWindow,
            _options.ConnectTimeout,
            _options.CloseTimeout,
            _options.DataSilenceTimeout,
            _options.ReconnectPolicy ?? BackpackReconnectPolicy.Default,
            _options.RetryFirstConnect,
            _options.FrameRecorder);
        Func<IReadOnlyList<string>>? sign = _signer is null ? null : SignSubscription;
        Func<CancellationToken, Task>? syncClock = _signer is not null && _options.SynchronizeClock ? SynchronizeClockAsync : null;
        _pool = new ConnectionPool(
            (id, isPrivate) => new StreamConnection(
                id,
                isPrivate,
                settings,
                connector,
                _timeProvider,
                _logger,
                _metrics,
                sign,

                // Only a connection that may carry private streams needs the exchange's clock.
                isPrivate || !_options.DedicatedPrivateConnection ? syncClock : null,
                this,
                _counters),
            _options.MaxStreamsPerConnection,
            _options.DedicatedPrivateConnection,
            _options.IdleConnectionCloseDelay,
            _timeProvider,
            _logger);
    }

    /// <summary>Creates an uninitialized client, for mocking frameworks only.</summary>
    protected BackpackStreamClient()
    {
    }

    /// <summary>
    /// Raised when the client can deliver nothing any more: once on <see cref="DisposeAsync"/> (with <see langword="null"/>),
    /// or, with the error, when a reconnect policy gave up and no connection of the client is left up. Not raised when one
    /// connection of several gives up (see <see cref="Connections"/>), nor for a loss that is reconnected.
    /// </summary>
    /// <remarks>Raised on the thread pool, never on a receive loop; exceptions from handlers are logged and swallowed.</remarks>
    public event Func<Exception?, Task>? Closed;

    /// <summary>
    /// Raised when a connection was lost and will be re-established, before any item of its new socket is delivered, with
    /// the connection's id, the error and the streams it carries: those streams may miss items until
    /// <see cref="Reconnected"/> names the same connection. Streams of other connections are not affected.
    /// </summary>
    /// <remarks>
    /// Raised on the thread pool, never on a receive loop; the reconnect waits for the handlers, so keep them short.
    /// Exceptions from handlers are logged and swallowed.
    /// </remarks>
    public event Func<BackpackReconnectingEventArgs, Task>? Reconnecting;

    /// <summary>
    /// Raised once a connection reconnected and subscribed its streams again, after its state became
    /// <see cref="BackpackConnectionState.Connected"/>. <see cref="BackpackReconnectedEventArgs.Downtime"/> is the window in
    /// which items of its streams may have been missed.
    /// </summary>
    /// <remarks>Raised on the thread pool, never on a receive loop; exceptions from handlers are logged and swallowed.</remarks>
    public event Func<BackpackReconnectedEventArgs, Task>? Reconnected;

    /// <summary>
    /// The state of the client as a whole, from its <see cref="Connections"/>: <see cref="BackpackConnectionState.Closed"/>
    /// once disposed; else <see cref="BackpackConnectionState.Reconnecting"/> when any connection is;
    /// else <see cref="BackpackConnectionState.Connecting"/> when any is; else <see cref="BackpackConnectionState.Disconnected"/>
    /// when there is no connection or any is disconnected (never connected, or its reconnect policy gave up); else (every
    /// connection connected) <see cref="BackpackConnectionState.Connected"/>.
    /// </summary>
    public virtual BackpackConnectionState State => Aggregate().State;

    /// <summary>
    /// When <see cref="State"/> was entered, on the client's <see cref="System.TimeProvider"/>: for
    /// <see cref="BackpackConnectionState.Reconnecting"/> and <see cref="BackpackConnectionState.Connecting"/>, when the
    /// longest-running such connection entered it; for <see cref="BackpackConnectionState.Connected"/>, when the last
    /// connection came up; for a client without connections, when it was created. The health check uses it.
    /// </summary>
    public virtual DateTimeOffset StateChangedAt => Aggregate().ChangedAt;

    /// <summary>
    /// The error that left a connection <see cref="BackpackConnectionState.Disconnected"/> (its reconnect policy gave up, or
    /// its connect failed), for the first such connection; <see langword="null"/> when there is none.
    /// </summary>
    /// <remarks>The message never carries a secret, like every exception of this library.</remarks>
    public virtual Exception? DisconnectError => Connections.FirstOrDefault(c => c.DisconnectError is not null)?.DisconnectError;

    /// <summary>
    /// The client's connections, in the order they were opened: one per socket (reconnecting ones included), each with its
    /// state and streams. The first public connection stays for the client's lifetime; others close once idle
    /// (<see cref="BackpackStreamClientOptions.IdleConnectionCloseDelay"/>).
    /// </summary>
    public virtual IReadOnlyList<BackpackConnectionInfo> Connections =>
        _pool is null ? [] : [.. _pool.Connections.Select(c => c.GetInfo())];

    /// <summary>The options the client was created with (a copy).</summary>
    public virtual BackpackStreamClientOptions Options => _options;

    /// <summary>The base64 public key that signs private subscribes, or <see langword="null"/> without credentials.</summary>
    public virtual string? ApiKey => _signer?.PublicKeyBase64;

    /// <summary>
    /// How many frames could not be read on any connection: malformed JSON, or a payload that did not parse (those are
    /// also counted on their subscription, <see cref="BackpackSubscription{T}.ParseFailureCount"/>). Each one was logged and skipped.
    /// </summary>
    public long ParseFailureCount => _counters.ParseFailures;

    /// <summary>
    /// How many server error frames reached no subscriber: they arrived while no SUBSCRIBE was waiting for an answer, or
    /// answered a SUBSCRIBE whose consumers had all left. Each one was logged.
    /// </summary>
    public long UnattributedErrorCount => _counters.UnattributedErrors;

    /// <summary>The stream names with a live server subscription, for diagnostics.</summary>
    public virtual IReadOnlyCollection<string> ActiveStreams
    {
        get
        {
            lock (_gate)
            {
                return [.. _registry.Keys];
            }
        }
    }

    /// <summary>The estimated offset of the exchange's clock from the local one, added to signature timestamps (see <see cref="BackpackStreamClientOptions.SynchronizeClock"/>).</summary>
    public TimeSpan ClockOffset => TimeSpan.FromMilliseconds(Interlocked.Read(ref _clockOffsetMilliseconds));

    /// <summary>The HTTP client the caller gave (from DI, say), or <see langword="null"/> when the client owns its own.</summary>
    internal HttpClient? GivenHttpClient => _givenHttpClient;

    /// <summary>The client's one meter and its instruments, whatever the number of connections (null for a mock).</summary>
    internal BackpackStreamMetrics? Metrics => _metrics;

    private int ActiveStreamCount
    {
        get
        {
            lock (_gate)
            {
                return _registry.Count;
            }
        }
    }

    /// <summary>Connects the first public connection now, rather than on the first subscribe. Does nothing when it is connected or reconnecting.</summary>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <returns>A task that completes when connected.</returns>
    /// <exception cref="BackpackStreamException">The handshake failed (<see cref="BackpackStreamErrorCode.ConnectionFailed"/>).</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public virtual async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await _pool.GetPrimary().EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes every connection and ends every subscription with <see cref="BackpackStreamErrorCode.ClientClosed"/>.
    /// Idempotent; completes within about <see cref="BackpackStreamClientOptions.CloseTimeout"/> even if the server never
    /// answers the close handshakes (they run in parallel).
    /// </summary>
    /// <returns>A task that completes when every connection is closed and no background work remains.</returns>
    public virtual ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposeTask ??= DisposeCoreAsync();
        }

        return new ValueTask(_disposeTask);
    }

    private static Ed25519Signer? CreateSigner(BackpackStreamClientOptions options)
    {
        if (!options.HasCredentials)
        {
            return null;
        }

        var signer = Ed25519Signer.FromBase64SecretKey(options.ApiSecret!);
        if (!string.IsNullOrEmpty(options.ApiKey) && !string.Equals(options.ApiKey, signer.PublicKeyBase64, StringComparison.Ordinal))
        {
            signer.Dispose();
            throw new ArgumentException(
                $"{nameof(BackpackStreamClientOptions.ApiKey)} does not match the public key derived from {nameof(BackpackStreamClientOptions.ApiSecret)}.",
                nameof(options));
        }

        return signer;
    }

    /// <summary>The aggregate state of the connections, by the rule <see cref="State"/> documents.</summary>
    private (BackpackConnectionState State, DateTimeOffset ChangedAt) Aggregate()
    {
        if (_pool is null)
        {
            return (BackpackConnectionState.Disconnected, default);
        }

        lock (_gate)
        {
            if (_disposeTask is not null)
            {
                return (BackpackConnectionState.Closed, _closedAt);
            }
        }

        var connections = Connections;
        foreach (var state in (ReadOnlySpan<BackpackConnectionState>)[BackpackConnectionState.Reconnecting, BackpackConnectionState.Connecting, BackpackConnectionState.Disconnected])
        {
            var inState = connections.Where(c => c.State == state).ToList();
            if (inState.Count > 0)
            {
                return (state, inState.Min(c => c.StateChangedAt));
            }
        }

        return connections.Count == 0
            ? (BackpackConnectionState.Disconnected, _createdAt)
            : (BackpackConnectionState.Connected, connections.Max(c => c.StateChangedAt));
    }

    private long SumBufferedItems()
    {
        long total = 0;
        foreach (var connection in _pool.Connections)
        {
            foreach (var registration in connection.Registrations)
            {
                total += registration.BufferedCount;
            }
        }

        return total;
    }

    /// <summary>The signature of a private SUBSCRIBE: the local clock plus the exchange's estimated offset, and the window.</summary>
    private IReadOnlyList<string> SignSubscription()
    {
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() + Interlocked.Read(ref _clockOffsetMilliseconds);
        return _signer!.SignSubscription(timestamp, (long)_options.SignatureWindow.TotalMilliseconds);
    }

    /// <summary>Estimates the exchange's clock offset before a connect; a failure is logged and the last offset kept.</summary>
    private async Task SynchronizeClockAsync(CancellationToken cancellationToken)
    {
        try
        {
            var offset = await _rest.SynchronizeClockAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _clockOffsetMilliseconds, (long)offset.TotalMilliseconds);
            Log.ClockSynchronized(_logger, (long)offset.TotalMilliseconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ClockSynchronizationFailed(_logger, new Uri(_options.RestEndpoint, "api/v1/time"), ex);
        }
    }

    private async Task DisposeCoreAsync()
    {
        _closedAt = _timeProvider.GetUtcNow();
        Log.Disposing(_logger);
        var carried = await _pool.CloseAllAsync().ConfigureAwait(false);
        StreamRegistration[] registrations;
        lock (_gate)
        {
            registrations = [.. _registry.Values.Select(p => p.Registration).Union(carried)];
            _registry.Clear();
            foreach (var registration in registrations)
            {
                registration.IsRemoved = true;
            }
        }

        EndRegistrations(registrations, new BackpackStreamException(BackpackStreamErrorCode.ClientClosed, "The client was disposed."));
        RaiseClosed(null);
        _signer?.Dispose();
        _rest.Dispose();
        _metrics?.Dispose();
    }

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposeTask is not null, this);
    }

    private void RaiseClosed(Exception? exception)
    {
        if (Closed is { } handler)
        {
            _ = Task.Run(() => InvokeHandlersAsync(handler, exception, nameof(Closed)));
        }
    }

    /// <summary>Runs every handler of an event in turn; an exception from one is logged and the next still runs.</summary>
    private async Task InvokeHandlersAsync<TArgument>(Func<TArgument, Task>? handler, TArgument argument, string eventName)
    {
        if (handler is null)
        {
            return;
        }

        foreach (var single in handler.GetInvocationList().Cast<Func<TArgument, Task>>())
        {
            try
            {
                await single(argument).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.EventHandlerFailed(_logger, eventName, ex);
            }
        }
    }

    /// <summary>Fails pending acceptances and ends every consumer of registrations already taken out of the registry.</summary>
    private static void EndRegistrations(IEnumerable<StreamRegistration> registrations, Exception error)
    {
        foreach (var registration in registrations)
        {
            registration.TryFail(error);
            registration.CompleteAll(error);
        }
    }
}

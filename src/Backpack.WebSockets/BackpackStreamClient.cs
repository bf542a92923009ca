using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.Connection;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Backpack.WebSockets;

/// <summary>
/// The client for Backpack Exchange WebSocket streams: one connection that carries every public and private stream
/// (more connections past <see cref="BackpackStreamClientOptions.MaxStreamsPerConnection"/>), delivered as typed
/// <see cref="IAsyncEnumerable{T}"/> subscriptions.
/// </summary>
/// <remarks>
/// <para>
/// Subscribe with a descriptor from <see cref="BackpackStreams"/>; the first subscribe connects. Two subscriptions to the
/// same stream share one server subscription and each receives every item. Private (<c>account.*</c>) subscribes are signed
/// with a fresh timestamp each time they are sent.
/// </para>
/// <para>
/// All members are thread-safe. One receive loop reads the socket and never waits for a consumer; each consumer has a
/// bounded buffer of its own (see <see cref="BackpackSubscription{T}"/>).
/// </para>
/// <para>
/// A lost connection comes back by itself (<see cref="BackpackStreamClientOptions.ReconnectPolicy"/>): the client raises
/// <see cref="Reconnecting"/>, reconnects, subscribes every live stream again (private ones signed afresh), then raises
/// <see cref="Reconnected"/> with the downtime. Each consumer's <c>await foreach</c> goes on across reconnects; items
/// published during the downtime are not received. Only when the policy gives up (or the client is disposed) does every
/// subscription end and <see cref="Closed"/> get raised.
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
public partial class BackpackStreamClient : IAsyncDisposable, ISubscriptionOwner
{
    /// <summary>Guards the registry, the current session and the state.</summary>
    private readonly Lock _gate = new();

    /// <summary>Serializes connection attempts.</summary>
    private readonly SemaphoreSlim _connectLock = new(1, 1);

    /// <summary>Stream name to registration. Written under <see cref="_gate"/>; read lock-free by the receive loop.</summary>
    private readonly ConcurrentDictionary<string, StreamRegistration> _registry = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, StreamRegistration>.AlternateLookup<ReadOnlySpan<char>> _registryByChars;
    private readonly CancellationTokenSource _disposeCts = new();
    private readonly BackpackStreamClientOptions _options = null!;
    private readonly IWebSocketConnector _connector = null!;
    private readonly TimeProvider _timeProvider = null!;
    private readonly ILogger _logger = null!;
    private readonly Ed25519Signer? _signer;
    private readonly BackpackStreamMetrics? _metrics;

    private readonly ConnectionStateMachine _stateMachine;
    private readonly BackpackReconnectPolicy _reconnectPolicy = BackpackReconnectPolicy.Default;

    /// <summary>The registration the receive loop routed to last; frames of one stream come in runs.</summary>
    private StreamRegistration? _lastRouted;

    private ConnectionSession? _session;
    private Task _reconnectTask = Task.CompletedTask;
    private Task? _disposeTask;
    private HttpClient? _ownedHttpClient;
    private long _clockOffsetMilliseconds;
    private long _parseFailureCount;
    private long _unattributedErrorCount;

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
    /// <param name="httpClient">For REST calls (depth snapshots, server time); optional.</param>
    /// <param name="meterFactory">
    /// Creates the <see cref="BackpackStreamDiagnostics.MeterName"/> meter; when <see langword="null"/>, the client creates its
    /// own meter and disposes it with the client.
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
        _connector = connector ?? new ClientWebSocketConnector(_options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _stateMachine = new ConnectionStateMachine(_timeProvider);
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = LoggerFactory.CreateLogger<BackpackStreamClient>();
        HttpClient = httpClient;
        _loggerFactory = loggerFactory;
        _reconnectPolicy = _options.ReconnectPolicy ?? BackpackReconnectPolicy.Default;
        _registryByChars = _registry.GetAlternateLookup<ReadOnlySpan<char>>();
        _signer = CreateSigner(_options);
        _metrics = new BackpackStreamMetrics(meterFactory, () => _registry.Count, SumBufferedItems);
    }

    /// <summary>Creates an uninitialized client, for mocking frameworks only.</summary>
    protected BackpackStreamClient()
    {
        _stateMachine = new ConnectionStateMachine();
        _registryByChars = _registry.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Raised when the client stopped for good: with the error that ended the connection when the reconnect policy gave up,
    /// or <see langword="null"/> after <see cref="DisposeAsync"/>. Not raised for a connection loss that is reconnected.
    /// </summary>
    /// <remarks>Raised on the thread pool, never on the receive loop; exceptions from handlers are logged and swallowed.</remarks>
    public event Func<Exception?, Task>? Closed;

    /// <summary>
    /// Raised with the error that ended the connection as soon as the loss is detected and a reconnect will be attempted,
    /// before any item of the new connection is delivered. From now on items may be missed until <see cref="Reconnected"/>.
    /// </summary>
    /// <remarks>
    /// Raised on the thread pool, never on the receive loop; the reconnect waits for the handlers, so keep them short.
    /// Exceptions from handlers are logged and swallowed.
    /// </remarks>
    public event Func<Exception?, Task>? Reconnecting;

    /// <summary>
    /// Raised once the client reconnected and subscribed every live stream again, after <see cref="State"/> became
    /// <see cref="BackpackConnectionState.Connected"/>. <see cref="BackpackReconnectedEventArgs.Downtime"/> is the window in
    /// which items may have been missed.
    /// </summary>
    /// <remarks>Raised on the thread pool, never on the receive loop; exceptions from handlers are logged and swallowed.</remarks>
    public event Func<BackpackReconnectedEventArgs, Task>? Reconnected;

    /// <summary>The connection's current state.</summary>
    public virtual BackpackConnectionState State
    {
        get
        {
            lock (_gate)
            {
                return _stateMachine.Current;
            }
        }
    }

    /// <summary>
    /// When <see cref="State"/> last changed, on the client's <see cref="System.TimeProvider"/>: for
    /// <see cref="BackpackConnectionState.Reconnecting"/>, when the connection was lost; for a client that never connected,
    /// when it was created. With <see cref="State"/> it tells how long the client has been up or down (the health check uses
    /// it).
    /// </summary>
    public virtual DateTimeOffset StateChangedAt
    {
        get
        {
            lock (_gate)
            {
                return _stateMachine.ChangedAt;
            }
        }
    }

    /// <summary>
    /// The error that left the client <see cref="BackpackConnectionState.Disconnected"/>: the last connection error when the
    /// reconnect policy gave up, or the handshake error when a connect failed. <see langword="null"/> in every other state,
    /// and while Disconnected because the client never connected (or a connect was cancelled). The next connect clears it.
    /// </summary>
    /// <remarks>The message never carries a secret, like every exception of this library.</remarks>
    public virtual Exception? DisconnectError
    {
        get
        {
            lock (_gate)
            {
                return _stateMachine.DisconnectError;
            }
        }
    }

    /// <summary>The options the client was created with (a copy).</summary>
    public virtual BackpackStreamClientOptions Options => _options;

    /// <summary>The base64 public key that signs private subscribes, or <see langword="null"/> without credentials.</summary>
    public virtual string? ApiKey => _signer?.PublicKeyBase64;

    /// <summary>How many frames could not be read (malformed JSON or payload). Each one was logged and skipped.</summary>
    public long ParseFailureCount => Interlocked.Read(ref _parseFailureCount) + SnapshotOverflow().Sum(c => c.ParseFailureCount);

    /// <summary>
    /// How many server error frames reached no subscriber: they arrived while no SUBSCRIBE was waiting for an answer, or
    /// answered a SUBSCRIBE whose consumers had all left. Each one was logged.
    /// </summary>
    public long UnattributedErrorCount => Interlocked.Read(ref _unattributedErrorCount) + SnapshotOverflow().Sum(c => c.UnattributedErrorCount);

    /// <summary>The stream names with a live server subscription, for diagnostics.</summary>
    public virtual IReadOnlyCollection<string> ActiveStreams => [.. _registry.Keys, .. SnapshotOverflow().SelectMany(c => c.ActiveStreams)];

    /// <summary>The HTTP client for REST calls, when one was given.</summary>
    internal HttpClient? HttpClient { get; }

    /// <summary>The client's instruments (null only for a mock made with the protected constructor).</summary>
    internal BackpackStreamMetrics? Metrics => _metrics;

    /// <summary>The estimated offset of the exchange's clock from the local one, added to signature timestamps (see <see cref="BackpackStreamClientOptions.SynchronizeClock"/>).</summary>
    public TimeSpan ClockOffset => TimeSpan.FromMilliseconds(Interlocked.Read(ref _clockOffsetMilliseconds));

    /// <summary>Connects now, rather than on the first subscribe. Does nothing when already connected or reconnecting.</summary>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <returns>A task that completes when connected.</returns>
    /// <exception cref="BackpackStreamException">The handshake failed (<see cref="BackpackStreamErrorCode.ConnectionFailed"/>).</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public virtual async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the connection and ends every subscription with <see cref="BackpackStreamErrorCode.ClientClosed"/>.
    /// Idempotent; completes within about <see cref="BackpackStreamClientOptions.CloseTimeout"/> even if the server never
    /// answers the close handshake.
    /// </summary>
    /// <returns>A task that completes when the connection is closed and no background work remains.</returns>
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

    private long SumBufferedItems()
    {
        long total = 0;
        foreach (var registration in _registry.Values)
        {
            total += registration.BufferedCount;
        }

        return total;
    }

    private async Task DisposeCoreAsync()
    {
        Task reconnect;
        lock (_gate)
        {
            _stateMachine.TryChangeState(_stateMachine.Current, BackpackConnectionState.Closed);
            reconnect = _reconnectTask;
        }

        Log.Disposing(_logger);
        await _disposeCts.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(CloseSessionAsync(), DisposeOverflowAsync()).ConfigureAwait(false);

        // A reconnect stops at its next step (delays and handshakes observe the dispose token); a session it opened
        // before it saw the Closed state is closed here too, so nothing outlives the client.
        await reconnect.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await CloseSessionAsync().ConfigureAwait(false);

        FailAllRegistrations(new BackpackStreamException(BackpackStreamErrorCode.ClientClosed, "The client was disposed."));
        RaiseClosed(null);
        _signer?.Dispose();
        _ownedHttpClient?.Dispose();
        _metrics?.Dispose();
        _connectLock.Dispose();
        _disposeCts.Dispose();
    }

    private async Task CloseSessionAsync()
    {
        var session = Volatile.Read(ref _session);
        if (session is not null)
        {
            await session.CloseAsync(_options.CloseTimeout, _timeProvider).ConfigureAwait(false);
            EndSession(session, null);
        }
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
}

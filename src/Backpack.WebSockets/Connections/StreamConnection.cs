using System.Net.WebSockets;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Connections;

/// <summary>
/// One connection of the pool: one socket at a time and everything about it (connect, receive loop, request pump,
/// data-silence watchdog, its own state machine), and the reconnect and resubscribe of its own streams only.
/// </summary>
/// <remarks>
/// The streams it carries are in its <see cref="StreamTable"/>; every socket it opens subscribes all of them. State changes
/// in one place (<see cref="ConnectionStateMachine"/>, under <see cref="_gate"/>); the owner hears of losses, reconnects,
/// rejections and a reconnect policy that gave up through <see cref="IConnectionOwner"/>, never under the lock.
/// </remarks>
internal sealed partial class StreamConnection : IAsyncDisposable
{
    /// <summary>Guards the state, the session and the stream table's writes.</summary>
    private readonly Lock _gate = new();

    /// <summary>Serializes first connects.</summary>
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly CancellationTokenSource _disposeCts = new();
    private readonly StreamTable _streams = new();
    private readonly ConnectionStateMachine _stateMachine;
    private readonly ConnectionSettings _settings;
    private readonly IWebSocketConnector _connector;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly BackpackStreamMetrics? _metrics;
    private readonly Func<IReadOnlyList<string>>? _signSubscribe;
    private readonly Func<CancellationToken, Task>? _beforeConnect;
    private readonly IConnectionOwner _owner;
    private readonly ConnectionCounters _counters;

    private ConnectionSession? _session;
    private Task _reconnectTask = Task.CompletedTask;
    private Task? _disposeTask;
    private int _reconnectCount;
    private long _unroutedFrameCount;

    /// <param name="id">The connection's id within its client.</param>
    /// <param name="isPrivate">Whether it is dedicated to <c>account.*</c> streams.</param>
    /// <param name="settings">What it needs of the client's options.</param>
    /// <param name="connector">Opens its sockets.</param>
    /// <param name="timeProvider">The clock of timeouts, windows and delays.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="metrics">The client's instruments, if any.</param>
    /// <param name="signSubscribe">Signs a private SUBSCRIBE afresh (null without credentials).</param>
    /// <param name="beforeConnect">Runs before every handshake (the clock sync), if any.</param>
    /// <param name="owner">Hears of losses, reconnects, rejections and give-ups.</param>
    /// <param name="counters">The client-wide counters this connection adds to.</param>
    public StreamConnection(
        int id,
        bool isPrivate,
        ConnectionSettings settings,
        IWebSocketConnector connector,
        TimeProvider timeProvider,
        ILogger logger,
        BackpackStreamMetrics? metrics,
        Func<IReadOnlyList<string>>? signSubscribe,
        Func<CancellationToken, Task>? beforeConnect,
        IConnectionOwner owner,
        ConnectionCounters counters)
    {
        Id = id;
        IsPrivate = isPrivate;
        _settings = settings;
        _connector = connector;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _signSubscribe = signSubscribe;
        _beforeConnect = beforeConnect;
        _owner = owner;
        _counters = counters;
        _stateMachine = new ConnectionStateMachine(timeProvider);
    }

    public int Id { get; }

    /// <summary>Whether this connection is dedicated to private streams.</summary>
    public bool IsPrivate { get; }

    public BackpackConnectionState State
    {
        get
        {
            lock (_gate)
            {
                return _stateMachine.Current;
            }
        }
    }

    /// <summary>How many streams the connection carries.</summary>
    public int StreamCount => _streams.Count;

    /// <summary>The streams the connection carries, for the queue-depth metric.</summary>
    public IEnumerable<StreamRegistration> Registrations => _streams.Registrations;

    /// <summary>A point-in-time view for <c>client.Connections</c>.</summary>
    public BackpackConnectionInfo GetInfo()
    {
        lock (_gate)
        {
            return new BackpackConnectionInfo(
                Id,
                _stateMachine.Current,
                _stateMachine.ChangedAt,
                _streams.Names,
                IsPrivate,
                _session?.Socket.IsCompressed ?? false,
                _reconnectCount,
                _stateMachine.DisconnectError,
                Interlocked.Read(ref _unroutedFrameCount));
        }
    }

    /// <summary>
    /// Adds a stream: its SUBSCRIBE goes out on the live socket, or on the next one (a connect or reconnect subscribes every
    /// stream of the table). The caller holds the client's registry lock, which makes the placement atomic per stream name.
    /// </summary>
    public void Add(StreamRegistration registration)
    {
        lock (_gate)
        {
            if (_streams.TryAdd(registration))
            {
                _session?.Queue.EnqueueSubscribe(registration);
            }
        }
    }

    /// <summary>Removes a stream whose consumers all left (or that was unsubscribed).</summary>
    /// <returns>A task that completes when its UNSUBSCRIBE was sent or not needed. Never faults.</returns>
    public Task Remove(StreamRegistration registration)
    {
        lock (_gate)
        {
            if (!_streams.Remove(registration))
            {
                return Task.CompletedTask;
            }

            return _session?.Queue.EnqueueUnsubscribe(registration) ?? Task.CompletedTask;
        }
    }

    /// <summary>
    /// Opens the socket when the connection has none and is not reconnecting (first use, or after the reconnect policy gave
    /// up). Returns once connected, or at once while a reconnect is under way (it subscribes every stream when it is back).
    /// </summary>
    /// <exception cref="BackpackStreamException">The handshake failed (<see cref="BackpackStreamErrorCode.ConnectionFailed"/>).</exception>
    /// <exception cref="ObjectDisposedException">The connection was closed.</exception>
    public async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (IsUp())
        {
            return;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsUp())
            {
                await ConnectFirstAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Closes the socket with a close handshake bounded by the close timeout, stops any reconnect. Raises no event. Idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposeTask ??= DisposeCoreAsync();
        }

        return new ValueTask(_disposeTask);
    }

    /// <summary>Removes and returns every stream (for the client's dispose, which ends them).</summary>
    public StreamRegistration[] TakeAll()
    {
        lock (_gate)
        {
            return _streams.TakeAll();
        }
    }

    private bool IsUp()
    {
        lock (_gate)
        {
            return _stateMachine.Current is BackpackConnectionState.Connected or BackpackConnectionState.Reconnecting;
        }
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_disposeCts.IsCancellationRequested, this);

    /// <summary>The first connect (or the first after a give-up): fails fast unless the options say to follow the policy.</summary>
    private async Task ConnectFirstAsync(CancellationToken cancellationToken)
    {
        var startedAt = _timeProvider.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            lock (_gate)
            {
                ThrowIfClosed();
                if (!_stateMachine.TryChangeState(BackpackConnectionState.Disconnected, BackpackConnectionState.Connecting))
                {
                    return;
                }
            }

            IWebSocketConnection socket;
            try
            {
                socket = await OpenSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    // A cancelled connect is not a failure of the connection: no error to report.
                    _stateMachine.TryChangeState(BackpackConnectionState.Connecting, BackpackConnectionState.Disconnected, ex as BackpackStreamException);
                }

                if (ex is not BackpackStreamException { ErrorCode: BackpackStreamErrorCode.ConnectionFailed } failure
                    || !_settings.RetryFirstConnect
                    || NextReconnectDelay(attempt, _timeProvider.GetElapsedTime(startedAt), failure, closedByServer: false) is not { } delay)
                {
                    throw;
                }

                Log.FirstConnectRetrying(_logger, Id, attempt + 1, delay, failure);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposeCts.Token);
                await Task.Delay(delay, _timeProvider, linked.Token).ConfigureAwait(false);
                continue;
            }

            var session = CreateSession(socket);
            lock (_gate)
            {
                if (!_stateMachine.TryChangeState(BackpackConnectionState.Connecting, BackpackConnectionState.Connected))
                {
                    socket.Abort();
                    _ = socket.DisposeAsync();
                    session.Queue.Dispose();
                    throw new ObjectDisposedException(GetType().FullName);
                }

                StartSessionLocked(session);
            }

            return;
        }
    }

    /// <summary>
    /// Opens one WebSocket (after the before-connect step, the clock sync). Failures surface as
    /// <see cref="BackpackStreamException"/>, except a cancellation by <paramref name="cancellationToken"/>.
    /// </summary>
    private async Task<IWebSocketConnection> OpenSocketAsync(CancellationToken cancellationToken)
    {
        var endpoint = _settings.Endpoint;
        using var timeoutCts = new CancellationTokenSource(_settings.ConnectTimeout, _timeProvider);
        using var linkedCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token, _disposeCts.Token);
        if (_beforeConnect is not null)
        {
            await _beforeConnect(linkedCts.Token).ConfigureAwait(false);
        }

        Log.Connecting(_logger, Id, endpoint);
        using var activity = BackpackStreamActivities.StartConnect(endpoint);
        try
        {
            var socket = await _connector.ConnectAsync(endpoint, linkedCts.Token).ConfigureAwait(false);
            Log.Connected(_logger, Id, endpoint, socket.IsCompressed);
            return socket;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var error = ex switch
            {
                BackpackStreamException bse => bse,
                OperationCanceledException when _disposeCts.IsCancellationRequested =>
                    new BackpackStreamException(BackpackStreamErrorCode.ClientClosed, "The client was disposed while connecting.", innerException: ex),
                OperationCanceledException =>
                    new BackpackStreamException(BackpackStreamErrorCode.ConnectionFailed, $"Connecting to {endpoint} timed out after {_settings.ConnectTimeout}.", innerException: ex),
                WebSocketHandshakeException handshake =>
                    new BackpackStreamException(BackpackStreamErrorCode.ConnectionFailed, handshake.Message, innerException: ex)
                    {
                        HttpStatusCode = handshake.HttpStatusCode,
                        RetryAfter = RetryAfterHeader.Parse(handshake.RetryAfterHeader, _timeProvider.GetUtcNow()),
                    },
                _ => new BackpackStreamException(BackpackStreamErrorCode.ConnectionFailed, $"Could not connect to {endpoint}: {ex.Message}", innerException: ex),
            };
            Log.ConnectFailed(_logger, Id, endpoint, error);
            BackpackStreamActivities.Fail(activity, error);
            throw error;
        }
    }

    private ConnectionSession CreateSession(IWebSocketConnection socket) =>
        new(socket, _settings.MaxMessageSize, _timeProvider.GetTimestamp(), () => new SubscribeRequestQueue(
            SendFrameAsync,
            OnRejected,
            _timeProvider,
            _settings.SubscribeErrorWindow,
            _logger));

    /// <summary>
    /// Makes <paramref name="session"/> the live one, queues a SUBSCRIBE for every stream of the table, and starts its loops.
    /// Under <see cref="_gate"/>, like <see cref="Add"/>: a stream added from now on queues its own SUBSCRIBE.
    /// </summary>
    /// <returns>The answers to those SUBSCRIBEs.</returns>
    private List<(StreamRegistration Registration, Task Answered)> StartSessionLocked(ConnectionSession session)
    {
        _session = session;
        var answers = new List<(StreamRegistration, Task)>();
        foreach (var registration in _streams.Registrations)
        {
            registration.SubscribeSent = false;
            answers.Add((registration, session.Queue.EnqueueSubscribe(registration)));
        }

        if (_settings.DataSilenceTimeout is { } timeout)
        {
            // Checking four times per timeout detects silence within 1.25 timeouts.
            var period = timeout / 4;
            session.Watchdog = _timeProvider.CreateTimer(_ => CheckSilence(session, timeout), null, period, period);
        }

        session.ReceiveLoop = Task.Run(() => ReceiveLoopAsync(session));
        session.RequestPump = Task.Run(() => RunRequestPumpAsync(session));
        return answers;
    }

    private async Task RunRequestPumpAsync(ConnectionSession session)
    {
        try
        {
            await session.Queue.RunAsync(session.Cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!session.Cancellation.IsCancellationRequested)
        {
            // A failed send means a broken socket: abort it so the receive loop ends the session, which reconnects (and
            // subscribes every stream again) or fails the subscriptions.
            Log.SendFailed(_logger, Id, ex);
            session.Socket.Abort();
        }
        catch (Exception)
        {
            // The session ended while sending.
        }
    }

    private Task SendFrameAsync(RequestFrame frame, CancellationToken cancellationToken)
    {
        var session = Volatile.Read(ref _session);
        if (session is null)
        {
            return Task.CompletedTask;
        }

        // Signed at send time, with a fresh timestamp (a resubscribe after a long outage must not reuse an old one).
        var signature = frame.Signed ? _signSubscribe?.Invoke() : null;
        return session.SendAsync(frame, signature, cancellationToken);
    }

    private void OnRejected(StreamRegistration registration, BackpackStreamException error)
    {
        lock (_gate)
        {
            _streams.Remove(registration);
        }

        _owner.OnRejected(this, registration, error);
    }

    /// <summary>Aborts a session that carries a stream known to tick but received nothing for <paramref name="timeout"/>.</summary>
    private void CheckSilence(ConnectionSession session, TimeSpan timeout)
    {
        if (session.IsClosing || _timeProvider.GetElapsedTime(session.LastReceivedTimestamp) < timeout)
        {
            return;
        }

        foreach (var registration in _streams.Registrations)
        {
            if (StreamNames.IsTicking(registration.Name))
            {
                Log.DataSilence(_logger, Id, timeout, registration.Name);
                session.SilenceDetected = true;
                session.Socket.Abort();
                return;
            }
        }
    }

    private async Task DisposeCoreAsync()
    {
        Task reconnect;
        lock (_gate)
        {
            _stateMachine.TryChangeState(_stateMachine.Current, BackpackConnectionState.Closed);
            reconnect = _reconnectTask;
        }

        await _disposeCts.CancelAsync().ConfigureAwait(false);
        await CloseSessionAsync().ConfigureAwait(false);

        // A reconnect stops at its next step (delays and handshakes observe the dispose token); a session it opened before
        // it saw the Closed state is closed here too, so nothing outlives the connection.
        await reconnect.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await CloseSessionAsync().ConfigureAwait(false);
        _connectLock.Dispose();
        _disposeCts.Dispose();
    }

    private async Task CloseSessionAsync()
    {
        var session = Volatile.Read(ref _session);
        if (session is not null)
        {
            await session.CloseAsync(WebSocketCloseStatus.NormalClosure, "Client closing", _settings.CloseTimeout, _timeProvider).ConfigureAwait(false);
            EndSession(session, null);
        }
    }
}

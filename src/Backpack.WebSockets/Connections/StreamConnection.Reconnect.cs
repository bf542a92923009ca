using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Connections;

internal sealed partial class StreamConnection
{
    /// <summary>
    /// Ends a session (idempotent). A loss (<paramref name="failure"/> set) of a connected connection starts a reconnect,
    /// or, when the policy gives up at once, ends its streams through the owner. A session that ends while a reconnect is
    /// under way is left to that reconnect; one closed on purpose (<paramref name="failure"/> null) just stops.
    /// </summary>
    private void EndSession(ConnectionSession session, BackpackStreamException? failure)
    {
        // The policy is user code: ask it before taking the lock, and only when a connected connection lost its socket.
        var lostAt = _timeProvider.GetTimestamp();
        bool connected;
        lock (_gate)
        {
            connected = ReferenceEquals(_session, session) && _stateMachine.Current == BackpackConnectionState.Connected;
        }

        var delay = failure is not null && connected ? NextReconnectDelay(0, TimeSpan.Zero, failure, session.ClosedByServer) : null;
        StreamRegistration[]? gaveUp = null;
        BackpackReconnectingEventArgs? reconnecting = null;
        lock (_gate)
        {
            if (!ReferenceEquals(_session, session))
            {
                return;
            }

            _session = null;
            session.Failure = failure;
            if (failure is not null && _stateMachine.Current == BackpackConnectionState.Connected)
            {
                if (delay is { } firstDelay)
                {
                    _stateMachine.TryChangeState(BackpackConnectionState.Connected, BackpackConnectionState.Reconnecting);
                    reconnecting = new BackpackReconnectingEventArgs(Id, failure, _streams.Names);

                    // In band, after the items of the lost socket: a consumer (the order book) knows exactly where it ended.
                    foreach (var registration in _streams.Registrations)
                    {
                        registration.MarkConnectionLost();
                    }

                    var previous = _reconnectTask;
                    _reconnectTask = Task.Run(() => ReconnectAsync(previous, reconnecting, firstDelay, lostAt));
                }
                else
                {
                    _stateMachine.TryChangeState(BackpackConnectionState.Connected, BackpackConnectionState.Disconnected, failure);
                    gaveUp = _streams.TakeAll();
                }
            }
        }

        session.Watchdog?.Dispose();
        session.Queue.Close();
        session.Cancellation.Cancel();
        session.Socket.Abort();
        _ = session.Socket.DisposeAsync();
        if (failure is not null)
        {
            Log.ConnectionLost(_logger, Id, failure);
        }

        if (gaveUp is not null)
        {
            Log.ReconnectGaveUp(_logger, Id, failure!);
            _owner.OnGaveUp(this, gaveUp, failure!);
        }
    }

    /// <summary>
    /// The reconnect loop, started when a connected session was lost. Tells the owner (and waits for it), then opens
    /// sockets as the policy allows until one carries every stream again; only then the state becomes Connected and the
    /// owner hears of it. Gives up (ending every stream) when the policy returns null.
    /// </summary>
    /// <param name="previous">An earlier reconnect that may still be raising its events; awaited first so events stay in order.</param>
    /// <param name="reconnecting">The loss, as the owner is told of it.</param>
    /// <param name="delay">The delay before the first attempt.</param>
    /// <param name="lostAt">When the connection was lost (<see cref="TimeProvider"/> timestamp).</param>
    private async Task ReconnectAsync(Task previous, BackpackReconnectingEventArgs reconnecting, TimeSpan delay, long lostAt)
    {
        var token = _disposeCts.Token;
        var reason = reconnecting.Error;
        try
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Log.Reconnecting(_logger, Id, delay, reason);

            // Wait for the handlers (so a book is stale before new items flow), but not past a dispose: a handler that
            // disposes the client must not wait for itself.
            await _owner.OnReconnectingAsync(this, reconnecting).WaitAsync(token).ConfigureAwait(false);
            var attempts = 0;
            while (true)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Delays.AtLeastAsync(delay, _timeProvider, token).ConfigureAwait(false);
                }

                attempts++;
                var (resubscribed, error) = await TryResubscribeAsync(token).ConfigureAwait(false);
                if (resubscribed is null && error is null)
                {
                    // Disposed meanwhile.
                    return;
                }

                if (resubscribed is not null)
                {
                    Interlocked.Increment(ref _reconnectCount);
                    _metrics?.RecordReconnect();
                    foreach (var registration in resubscribed)
                    {
                        _metrics?.RecordResubscribe(registration.StreamType);
                    }

                    var names = resubscribed.Select(r => r.Name).ToArray();
                    var args = new BackpackReconnectedEventArgs(Id, _timeProvider.GetElapsedTime(lostAt), attempts, names);
                    Log.Reconnected(_logger, Id, attempts, args.Downtime, names.Length);
                    await _owner.OnReconnectedAsync(this, args).WaitAsync(token).ConfigureAwait(false);
                    return;
                }

                reason = error!;
                Log.ReconnectAttemptFailed(_logger, Id, attempts, reason);
                if (NextReconnectDelay(attempts, _timeProvider.GetElapsedTime(lostAt), reason, closedByServer: false) is not { } next)
                {
                    GiveUp(reason);
                    return;
                }

                delay = next;
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Closed: whoever closed the connection ends its streams.
        }
        catch (Exception ex)
        {
            // A bug must not leave the connection reconnecting forever or surface as an unobserved task exception.
            GiveUp(ex);
        }
    }

    /// <summary>
    /// One reconnect attempt: opens a socket, queues a SUBSCRIBE for every stream (in one frame per kind) and waits until
    /// each was answered.
    /// </summary>
    /// <returns>The streams subscribed again, the state now Connected; or the error that failed the attempt; or neither when closed.</returns>
    private async Task<(StreamRegistration[]? Resubscribed, Exception? Error)> TryResubscribeAsync(CancellationToken token)
    {
        IWebSocketConnection socket;
        try
        {
            socket = await OpenSocketAsync(token).ConfigureAwait(false);
        }
        catch (BackpackStreamException ex) when (!token.IsCancellationRequested)
        {
            return (null, ex);
        }

        var session = CreateSession(socket);
        List<(StreamRegistration Registration, Task Answered)> answers;
        lock (_gate)
        {
            if (_stateMachine.Current != BackpackConnectionState.Reconnecting)
            {
                socket.Abort();
                _ = socket.DisposeAsync();
                session.Queue.Dispose();
                return (null, null);
            }

            answers = StartSessionLocked(session);
        }

        // Each answer completes once the server answered, or when the session ends (the queue closes).
        await Task.WhenAll(answers.Select(a => a.Answered)).ConfigureAwait(false);
        lock (_gate)
        {
            if (ReferenceEquals(_session, session)
                && _stateMachine.TryChangeState(BackpackConnectionState.Reconnecting, BackpackConnectionState.Connected))
            {
                // A stream the server rejected this time left the table; one released meanwhile too.
                return ([.. answers.Select(a => a.Registration).Where(r => _streams.Contains(r.Name) && !r.IsRemoved)], null);
            }

            if (_stateMachine.Current != BackpackConnectionState.Reconnecting)
            {
                return (null, null);
            }
        }

        return (null, session.Failure ?? Lost(BackpackStreamErrorCode.ConnectionLost, "the connection was lost while resubscribing"));
    }

    /// <summary>Asks the policy for the next delay and applies the rules it cannot break: Close frame → at once, 429 → at least Retry-After.</summary>
    private TimeSpan? NextReconnectDelay(int previousRetryCount, TimeSpan elapsed, Exception reason, bool closedByServer)
    {
        TimeSpan? delay;
        try
        {
            delay = _settings.ReconnectPolicy.NextRetryDelay(new BackpackRetryContext(previousRetryCount, elapsed, reason));
        }
        catch (Exception ex)
        {
            Log.ReconnectPolicyFailed(_logger, Id, ex);
            return null;
        }

        if (delay is not { } value)
        {
            return null;
        }

        if (closedByServer || value < TimeSpan.Zero)
        {
            // Backpack sends a Close frame before a restart: the sooner the client is back, the fewer items it misses.
            return TimeSpan.Zero;
        }

        return reason is BackpackStreamException { RetryAfter: { } retryAfter } && retryAfter > value ? retryAfter : value;
    }

    /// <summary>The policy gave up during a reconnect: every stream of the connection ends with the last error.</summary>
    private void GiveUp(Exception reason)
    {
        // The subscriptions end with why the connection is gone: the loss itself when that was the last error, else (a
        // refused handshake, a policy that threw) a ConnectionLost that carries it.
        var error = reason is BackpackStreamException { ErrorCode: BackpackStreamErrorCode.ConnectionLost or BackpackStreamErrorCode.KeepAliveTimeout or BackpackStreamErrorCode.ServerClosed or BackpackStreamErrorCode.ProtocolViolation or BackpackStreamErrorCode.MessageTooLarge } loss
            ? loss
            : Lost(BackpackStreamErrorCode.ConnectionLost, $"reconnecting gave up: {reason.Message}", reason);
        StreamRegistration[] registrations;
        lock (_gate)
        {
            if (!_stateMachine.TryChangeState(BackpackConnectionState.Reconnecting, BackpackConnectionState.Disconnected, error))
            {
                return;
            }

            registrations = _streams.TakeAll();
        }

        Log.ReconnectGaveUp(_logger, Id, reason);
        _owner.OnGaveUp(this, registrations, error);
    }
}

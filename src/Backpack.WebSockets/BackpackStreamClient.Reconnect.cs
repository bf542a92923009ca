using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>
    /// The reconnect loop, started when a connected session was lost. Raises <see cref="Reconnecting"/>, then opens
    /// connections as the policy allows until one carries every live stream again; only then the state becomes Connected
    /// and <see cref="Reconnected"/> is raised. Gives up (failing every subscription) when the policy returns null.
    /// </summary>
    /// <param name="previous">An earlier reconnect that may still be raising its events; awaited first so events stay in order.</param>
    /// <param name="reason">The error that ended the connection.</param>
    /// <param name="delay">The delay before the first attempt.</param>
    /// <param name="lostAt">When the connection was lost (<see cref="TimeProvider"/> timestamp).</param>
    private async Task ReconnectAsync(Task previous, Exception reason, TimeSpan delay, long lostAt)
    {
        var token = _disposeCts.Token;
        try
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Log.Reconnecting(_logger, delay, reason);
            // Wait for the handlers (so the book is stale before new items flow), but not past a dispose: a handler that
            // disposes the client must not wait for itself.
            await InvokeHandlersAsync(Reconnecting, reason, nameof(Reconnecting)).WaitAsync(token).ConfigureAwait(false);
            var attempts = 0;
            while (true)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _timeProvider, token).ConfigureAwait(false);
                }

                attempts++;
                var (session, error) = await TryResubscribeAsync(token).ConfigureAwait(false);
                if (session is null && error is null)
                {
                    // Disposed meanwhile.
                    return;
                }

                if (session is not null)
                {
                    var live = session.Resubscribed.Where(r => !r.IsRemoved).ToArray();
                    var resubscribed = live.Select(r => r.Name).ToArray();
                    _metrics?.RecordReconnect();
                    foreach (var registration in live)
                    {
                        _metrics?.RecordResubscribe(registration.StreamType);
                    }

                    var args = new BackpackReconnectedEventArgs(_timeProvider.GetElapsedTime(lostAt), attempts, resubscribed);
                    Log.Reconnected(_logger, attempts, args.Downtime, resubscribed.Length);
                    await InvokeHandlersAsync(Reconnected, args, nameof(Reconnected)).WaitAsync(token).ConfigureAwait(false);
                    return;
                }

                reason = error!;
                Log.ReconnectAttemptFailed(_logger, attempts, reason);
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
            // Disposed: DisposeAsync ends the subscriptions.
        }
        catch (Exception ex)
        {
            // A bug must not leave the client reconnecting forever or surface as an unobserved task exception.
            GiveUp(ex);
        }
    }

    /// <summary>
    /// One reconnect attempt: opens a connection, queues a SUBSCRIBE for every registered stream and waits until each was
    /// answered (through the request pump, one at a time, so a rejection is blamed on the right stream).
    /// </summary>
    /// <returns>The session, now Connected; or the error that failed the attempt; or neither when the client was disposed.</returns>
    private async Task<(ConnectionSession? Session, Exception? Error)> TryResubscribeAsync(CancellationToken token)
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

        var session = new ConnectionSession(socket, _options.MaxMessageSize, _timeProvider.GetTimestamp());
        var requests = new List<ServerRequest>();
        lock (_gate)
        {
            if (_stateMachine.Current != BackpackConnectionState.Reconnecting)
            {
                socket.Abort();
                _ = socket.DisposeAsync();
                return (null, null);
            }

            // Queued under the lock that SubscribeAsync takes: a stream registered from now on queues its own SUBSCRIBE.
            _session = session;
            foreach (var registration in _registry.Values)
            {
                registration.SubscribeSent = false;
                var request = new ServerRequest(ServerRequestKind.Subscribe, registration);
                session.Requests.Writer.TryWrite(request);
                requests.Add(request);
                session.Resubscribed.Add(registration);
            }
        }

        StartSession(session);

        // Each request completes once answered, or when the session ends (the pump and EndSession complete them all).
        await Task.WhenAll(requests.Select(r => r.Completion.Task)).ConfigureAwait(false);
        lock (_gate)
        {
            if (ReferenceEquals(_session, session)
                && _stateMachine.TryChangeState(BackpackConnectionState.Reconnecting, BackpackConnectionState.Connected))
            {
                return (session, null);
            }

            if (_stateMachine.Current != BackpackConnectionState.Reconnecting)
            {
                return (null, null);
            }
        }

        return (null, session.Failure ?? new BackpackStreamException(BackpackStreamErrorCode.ConnectionLost, "The connection was lost while resubscribing."));
    }

    /// <summary>Asks the policy for the next delay and applies the rules it cannot break: Close frame → at once, 429 → at least Retry-After.</summary>
    private TimeSpan? NextReconnectDelay(int previousRetryCount, TimeSpan elapsed, Exception reason, bool closedByServer)
    {
        TimeSpan? delay;
        try
        {
            delay = _reconnectPolicy.NextRetryDelay(new BackpackRetryContext(previousRetryCount, elapsed, reason));
        }
        catch (Exception ex)
        {
            Log.ReconnectPolicyFailed(_logger, ex);
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

    /// <summary>The policy gave up during a reconnect: every subscription ends with the last error and <see cref="Closed"/> is raised.</summary>
    private void GiveUp(Exception reason)
    {
        var error = reason as BackpackStreamException is { ErrorCode: BackpackStreamErrorCode.ConnectionLost } lost
            ? lost
            : new BackpackStreamException(BackpackStreamErrorCode.ConnectionLost, $"The connection was lost and reconnecting gave up: {reason.Message}", innerException: reason);
        StreamRegistration[] registrations;
        lock (_gate)
        {
            if (!_stateMachine.TryChangeState(BackpackConnectionState.Reconnecting, BackpackConnectionState.Disconnected, error))
            {
                return;
            }

            registrations = TakeAllRegistrations();
        }

        Log.ReconnectGaveUp(_logger, reason);
        EndRegistrations(registrations, error);
        RaiseClosed(reason);
    }
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Unicode;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>
    /// Returns the live session, connecting first when there is none; returns <see langword="null"/> while a reconnect is
    /// under way (the reconnect subscribes every registered stream once it has a connection).
    /// </summary>
    private async Task<ConnectionSession?> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var session = Volatile.Read(ref _session);
        if (session is not null)
        {
            return session;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            session = Volatile.Read(ref _session);
            if (session is not null)
            {
                return session;
            }

            return await ConnectCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<ConnectionSession?> ConnectCoreAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!_stateMachine.TryChangeState(BackpackConnectionState.Disconnected, BackpackConnectionState.Connecting))
            {
                // Reconnecting (a session would have been returned above when connected).
                return _session;
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

            throw;
        }

        var session = new ConnectionSession(socket, _options.MaxMessageSize, _timeProvider.GetTimestamp());
        lock (_gate)
        {
            if (!_stateMachine.TryChangeState(BackpackConnectionState.Connecting, BackpackConnectionState.Connected))
            {
                socket.Abort();
                _ = socket.DisposeAsync();
                throw new ObjectDisposedException(GetType().FullName);
            }

            _session = session;
        }

        StartSession(session);
        return session;
    }

    /// <summary>
    /// Opens one WebSocket (after synchronizing the clock when asked to). Failures surface as
    /// <see cref="BackpackStreamException"/>, except a cancellation by <paramref name="cancellationToken"/>.
    /// </summary>
    private async Task<IWebSocketConnection> OpenSocketAsync(CancellationToken cancellationToken)
    {
        var endpoint = _options.Endpoint;
        using var timeoutCts = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linkedCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token, _disposeCts.Token);
        if (_signer is not null && _options.SynchronizeClock)
        {
            await SynchronizeClockAsync(linkedCts.Token).ConfigureAwait(false);
        }

        Log.Connecting(_logger, endpoint);
        using var activity = BackpackStreamActivities.StartConnect(endpoint);
        try
        {
            var socket = await _connector.ConnectAsync(endpoint, linkedCts.Token).ConfigureAwait(false);
            Log.Connected(_logger, endpoint);
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
                    new BackpackStreamException(BackpackStreamErrorCode.ConnectionFailed, $"Connecting to {endpoint} timed out after {_options.ConnectTimeout}.", innerException: ex),
                _ => new BackpackStreamException(BackpackStreamErrorCode.ConnectionFailed, $"Could not connect to {endpoint}: {ex.Message}", innerException: ex),
            };
            Log.ConnectFailed(_logger, endpoint, error);
            BackpackStreamActivities.Fail(activity, error);
            throw error;
        }
    }

    /// <summary>Starts a session's receive loop, request pump and (when configured) data-silence watchdog.</summary>
    private void StartSession(ConnectionSession session)
    {
        if (_options.DataSilenceTimeout is { } timeout)
        {
            // Checking four times per timeout detects silence within 1.25 timeouts.
            var period = timeout / 4;
            session.Watchdog = _timeProvider.CreateTimer(_ => CheckSilence(session, timeout), null, period, period);
        }

        session.ReceiveLoop = Task.Run(() => ReceiveLoopAsync(session));
        session.RequestPump = Task.Run(() => RunRequestPumpAsync(session));
    }

    /// <summary>Aborts a session that carries a stream known to tick but received nothing for <paramref name="timeout"/>.</summary>
    private void CheckSilence(ConnectionSession session, TimeSpan timeout)
    {
        if (session.IsClosing || _timeProvider.GetElapsedTime(session.LastReceivedTimestamp) < timeout)
        {
            return;
        }

        foreach (var name in _registry.Keys)
        {
            if (StreamNames.IsTicking(name))
            {
                Log.DataSilence(_logger, timeout, name);
                session.SilenceDetected = true;
                session.Socket.Abort();
                return;
            }
        }
    }

    /// <summary>The one receive loop of a session: reads whole messages and routes them; never waits for a consumer.</summary>
    private async Task ReceiveLoopAsync(ConnectionSession session)
    {
        Exception? failure = null;
        var token = session.Cancellation.Token;
        try
        {
            while (true)
            {
                var kind = await session.Reader.ReadAsync(token).ConfigureAwait(false);
                session.LastReceivedTimestamp = _timeProvider.GetTimestamp();
                if (kind == ReceivedMessageKind.Close)
                {
                    failure = OnCloseFrame(session);
                    break;
                }

                ProcessMessage(session, session.Reader.Message.Span);
            }
        }
        catch (MessageTooLargeException ex)
        {
            failure = new BackpackStreamException(BackpackStreamErrorCode.MessageTooLarge, ex.Message, innerException: ex);
            Log.MessageTooLarge(_logger, ex.MaxMessageSize);
            session.Socket.Abort();
        }
        catch (Exception ex) when (session.SilenceDetected)
        {
            failure = new BackpackStreamException(
                BackpackStreamErrorCode.ConnectionLost, $"No data arrived for {_options.DataSilenceTimeout} on a stream that ticks; the connection is presumed dead.", innerException: ex);
        }
        catch (Exception) when (session.IsClosing || token.IsCancellationRequested)
        {
            // Closing on purpose: the socket was aborted or the loop cancelled.
        }
        catch (Exception ex)
        {
            failure = new BackpackStreamException(BackpackStreamErrorCode.ConnectionLost, $"The connection was lost: {ex.Message}", innerException: ex);
        }
        finally
        {
            session.Reader.Dispose();
        }

        EndSession(session, failure);
    }

    private BackpackStreamException? OnCloseFrame(ConnectionSession session)
    {
        var status = session.Socket.CloseStatus;
        var description = session.Socket.CloseStatusDescription;
        if (session.IsClosing)
        {
            return null;
        }

        Log.ServerClosed(_logger, status?.ToString() ?? "none", description ?? string.Empty);
        session.ClosedByServer = true;

        // Answer the server's Close so the handshake completes; the socket is discarded either way.
        _ = session.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None)
            .ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        return new BackpackStreamException(
            BackpackStreamErrorCode.ConnectionLost,
            $"The server closed the connection ({status?.ToString() ?? "no status"}{(string.IsNullOrEmpty(description) ? string.Empty : ": " + description)}).");
    }

    /// <summary>Routes one message. Never throws: a bad frame is counted, logged and skipped.</summary>
    private void ProcessMessage(ConnectionSession session, ReadOnlySpan<byte> frame)
    {
        Span<byte> nameBuffer = stackalloc byte[EnvelopeReader.MaxStreamNameBytes];
        scoped Envelope envelope;
        try
        {
            envelope = EnvelopeReader.Read(frame, nameBuffer);
        }
        catch (PayloadFormatException ex)
        {
            Interlocked.Increment(ref _parseFailureCount);
            _metrics?.RecordParseFailure(BackpackStreamMetrics.UnknownStreamType);
            Log.FrameRejected(_logger, frame.Length, ex);
            return;
        }

        if (envelope.Kind == EnvelopeKind.Error)
        {
            OnErrorFrame(session, envelope.ErrorCode, envelope.ErrorMessage);
            return;
        }

        var registration = FindRegistration(envelope.StreamName);
        if (registration is null)
        {
            // Frames still in flight after an UNSUBSCRIBE land here; nothing is waiting for them. A frame of a released
            // SUBSCRIBE still in flight proves the server accepted it, so the next SUBSCRIBE need not wait out its window.
            if (session.InFlight is { IsRemoved: true } released && Ascii.Equals(envelope.StreamName, released.Name))
            {
                released.Confirm();
            }

            return;
        }

        _metrics?.RecordMessage(registration.StreamType, frame.Length);
        if (ReferenceEquals(session.InFlight, registration))
        {
            // Data on the requested stream proves the SUBSCRIBE was accepted; no need to wait out the error window.
            registration.Confirm();
        }

        try
        {
            registration.Dispatch(envelope.Data);
        }
        catch (Exception ex)
        {
            // A malformed payload (or a parser bug) must cost one frame, never the connection.
            Interlocked.Increment(ref _parseFailureCount);
            _metrics?.RecordParseFailure(registration.StreamType);
            Log.PayloadRejected(_logger, registration.Name, ex);
        }
    }

    private StreamRegistration? FindRegistration(ReadOnlySpan<byte> utf8Name)
    {
        if (_lastRouted is { } last && last.IsRegisteredAs(utf8Name))
        {
            return last;
        }

        Span<char> chars = stackalloc char[EnvelopeReader.MaxStreamNameBytes];
        if (Utf8.ToUtf16(utf8Name, chars, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return null;
        }

        return _lastRouted = _registryByChars.TryGetValue(chars[..written], out var registration) ? registration : null;
    }

    /// <summary>
    /// Attributes a server error frame. Error frames carry <c>"id": null</c>, so the client keeps at most one SUBSCRIBE
    /// waiting for an answer and blames only that one; an error with nothing in flight, or for a SUBSCRIBE whose consumers
    /// all left, is logged and counted.
    /// </summary>
    private void OnErrorFrame(ConnectionSession session, int code, string? message)
    {
        var registration = session.InFlight;
        if (registration is null)
        {
            Interlocked.Increment(ref _unattributedErrorCount);
            Log.UnattributedServerError(_logger, code, message ?? string.Empty);
            return;
        }

        var errorCode = code == 4003 || (registration.IsPrivate && code is >= 4001 and <= 4003)
            ? BackpackStreamErrorCode.AuthenticationFailed
            : BackpackStreamErrorCode.SubscriptionRejected;
        var error = new BackpackStreamException(
            errorCode,
            $"The server rejected the subscription to '{registration.Name}' with code {code}: {message ?? "(no message)"}.",
            registration.Name,
            code);
        if (registration.IsRemoved)
        {
            // Every consumer left before the answer (the request stays in flight until its window ends, so this late
            // error cannot land on the next stream): nobody is waiting for it.
            Interlocked.Increment(ref _unattributedErrorCount);
            Log.ReleasedSubscriptionRejected(_logger, registration.Name, code, message ?? string.Empty);
        }
        else
        {
            Log.SubscriptionRejected(_logger, registration.Name, code, message ?? string.Empty);
        }

        RejectRegistration(registration, error);
    }

    /// <summary>
    /// Ends a session (idempotent). A loss (<paramref name="failure"/> set) of a connected client starts a reconnect, or,
    /// when the policy gives up, fails every subscription and raises <see cref="Closed"/>. A session that ends while a
    /// reconnect is under way is left to that reconnect; one that ends on dispose fails every subscription with ClientClosed.
    /// </summary>
    private void EndSession(ConnectionSession session, Exception? failure)
    {
        // The policy is user code: ask it before taking the lock, and only when a connected client lost its connection.
        var lostAt = _timeProvider.GetTimestamp();
        bool connected;
        lock (_gate)
        {
            connected = ReferenceEquals(_session, session) && _stateMachine.Current == BackpackConnectionState.Connected;
        }

        var delay = failure is not null && connected ? NextReconnectDelay(0, TimeSpan.Zero, failure, session.ClosedByServer) : null;
        StreamRegistration[]? registrations = null;
        var gaveUp = false;
        lock (_gate)
        {
            if (!ReferenceEquals(_session, session))
            {
                return;
            }

            _session = null;
            session.Failure = failure;
            var state = _stateMachine.Current;
            if (failure is null || state == BackpackConnectionState.Closed)
            {
                registrations = TakeAllRegistrations();
                failure = null;
            }
            else if (state == BackpackConnectionState.Connected && delay is { } firstDelay)
            {
                _stateMachine.TryChangeState(BackpackConnectionState.Connected, BackpackConnectionState.Reconnecting);
                var previous = _reconnectTask;
                _reconnectTask = Task.Run(() => ReconnectAsync(previous, failure, firstDelay, lostAt));
            }
            else if (_stateMachine.TryChangeState(BackpackConnectionState.Connected, BackpackConnectionState.Disconnected, failure))
            {
                registrations = TakeAllRegistrations();
                gaveUp = true;
            }
        }

        session.Watchdog?.Dispose();
        session.Requests.Writer.TryComplete();
        session.Cancellation.Cancel();
        session.Socket.Abort();
        _ = session.Socket.DisposeAsync();
        if (failure is not null)
        {
            Log.ConnectionLost(_logger, failure);
        }

        if (registrations is not null)
        {
            EndRegistrations(registrations, failure ?? new BackpackStreamException(BackpackStreamErrorCode.ClientClosed, "The client was disposed."));
        }

        // Requests that never went out complete now, so nobody waits on them.
        while (session.Requests.Reader.TryRead(out var request))
        {
            request.Completion.TrySetResult();
        }

        if (gaveUp)
        {
            RaiseClosed(failure);
        }
    }

    /// <summary>Removes every registration from the registry. The caller holds <see cref="_gate"/>.</summary>
    private StreamRegistration[] TakeAllRegistrations()
    {
        var registrations = _registry.Values.ToArray();
        _registry.Clear();
        foreach (var registration in registrations)
        {
            registration.IsRemoved = true;
        }

        return registrations;
    }

    private void FailAllRegistrations(Exception error)
    {
        StreamRegistration[] registrations;
        lock (_gate)
        {
            registrations = TakeAllRegistrations();
        }

        EndRegistrations(registrations, error);
    }

    /// <summary>Fails pending confirmations and ends every consumer of registrations already taken out of the registry.</summary>
    private static void EndRegistrations(StreamRegistration[] registrations, Exception error)
    {
        foreach (var registration in registrations)
        {
            registration.TryReject(error);
            registration.CompleteAll(error);
        }
    }
}

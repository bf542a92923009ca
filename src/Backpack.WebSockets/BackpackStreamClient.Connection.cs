using System.Net.WebSockets;
using System.Text.Unicode;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>Returns the live session, connecting first when there is none.</summary>
    private async Task<ConnectionSession> EnsureConnectedAsync(CancellationToken cancellationToken)
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

    private async Task<ConnectionSession> ConnectCoreAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            _state = BackpackConnectionState.Connecting;
        }

        var endpoint = _options.Endpoint;
        Log.Connecting(_logger, endpoint);
        using var timeoutCts = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linkedCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token, _disposeCts.Token);
        IWebSocketConnection socket;
        try
        {
            socket = await _connector.ConnectAsync(endpoint, linkedCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SetStateUnlessClosed(BackpackConnectionState.Disconnected);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

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
            throw error;
        }

        var session = new ConnectionSession(socket, _options.MaxMessageSize);
        lock (_gate)
        {
            if (_state == BackpackConnectionState.Closed)
            {
                socket.Abort();
                _ = socket.DisposeAsync();
                throw new ObjectDisposedException(GetType().FullName);
            }

            _session = session;
            _state = BackpackConnectionState.Connected;
        }

        session.ReceiveLoop = Task.Run(() => ReceiveLoopAsync(session));
        session.RequestPump = Task.Run(() => RunRequestPumpAsync(session));
        Log.Connected(_logger, endpoint);
        return session;
    }

    private void SetStateUnlessClosed(BackpackConnectionState state)
    {
        lock (_gate)
        {
            if (_state != BackpackConnectionState.Closed)
            {
                _state = state;
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
            // Frames still in flight after an UNSUBSCRIBE land here; nothing is waiting for them.
            return;
        }

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
    /// waiting for an answer and blames only that one; an error with nothing in flight is logged and counted.
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
        Log.SubscriptionRejected(_logger, registration.Name, code, message ?? string.Empty);
        RejectRegistration(registration, error);
    }

    /// <summary>Ends a session (idempotent): every subscription of the session fails, and the client returns to Disconnected.</summary>
    private void EndSession(ConnectionSession session, Exception? failure)
    {
        StreamRegistration[] registrations;
        lock (_gate)
        {
            if (!ReferenceEquals(_session, session))
            {
                return;
            }

            _session = null;
            if (_state != BackpackConnectionState.Closed)
            {
                _state = BackpackConnectionState.Disconnected;
            }

            registrations = TakeAllRegistrations();
        }

        session.Requests.Writer.TryComplete();
        session.Cancellation.Cancel();
        session.Socket.Abort();
        _ = session.Socket.DisposeAsync();

        var error = failure ?? new BackpackStreamException(BackpackStreamErrorCode.ClientClosed, "The client was disposed.");
        if (failure is not null)
        {
            Log.ConnectionLost(_logger, failure);
        }

        EndRegistrations(registrations, error);

        // Requests that never went out complete now, so nobody waits on them.
        while (session.Requests.Reader.TryRead(out var request))
        {
            request.Completion.TrySetResult();
        }

        RaiseClosed(failure);
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

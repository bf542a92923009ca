using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestServer
{
    /// <summary>The open connections by id; guarded by <see cref="_gate"/>.</summary>
    private readonly Dictionary<long, ServerConnection> _connections = [];

    /// <summary>The wire-byte counter of every connection ever accepted, by id (kept after it closes); guarded by <see cref="_gate"/>.</summary>
    private readonly Dictionary<long, WireByteCounter?> _wireBytesByConnection = [];

    /// <summary>How many connections hold each stream; guarded by <see cref="_gate"/>.</summary>
    private readonly Dictionary<string, int> _subscriberCounts = new(StringComparer.Ordinal);

    /// <summary>The id of the last accepted connection, which is also how many were accepted; guarded by <see cref="_gate"/>.</summary>
    private long _lastConnectionId;

    /// <summary>The number of connections currently open (accepted and not yet closed or dropped).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The number of WebSocket connections accepted since the server started, including closed ones (rejected handshakes are not counted).</summary>
    public long TotalConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _lastConnectionId;
            }
        }
    }

    /// <summary>The union of the streams that the open connections are subscribed to.</summary>
    public IReadOnlyCollection<string> ActiveSubscriptions
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscriberCounts.Keys];
            }
        }
    }

    /// <summary>Whether any open connection is subscribed to <paramref name="stream"/>.</summary>
    /// <param name="stream">The exact stream name.</param>
    /// <returns><see langword="true"/> if a publish on that stream would reach someone.</returns>
    public bool HasSubscribers(string stream)
    {
        lock (_gate)
        {
            return _subscriberCounts.ContainsKey(stream);
        }
    }

    /// <summary>
    /// The bytes the server has written on the TCP connection of WebSocket connection <paramref name="connectionId"/>
    /// (see <see cref="ReceivedRequest.ConnectionId"/>): the handshake answer and every frame as sent, so compressed frames
    /// count at their compressed size. Counting goes on after the connection closed.
    /// </summary>
    /// <param name="connectionId">The connection id, from 1.</param>
    /// <returns>The byte count, or <see langword="null"/> for an id never accepted.</returns>
    public long? GetWireBytesSent(long connectionId)
    {
        lock (_gate)
        {
            return _wireBytesByConnection.TryGetValue(connectionId, out var counter) ? counter?.Bytes : null;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> connections are open.</summary>
    /// <param name="count">The number of open connections to wait for.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    /// <remarks>Dropped connections leave the count at once, so after <see cref="DropAllConnections"/> this waits for a reconnect.</remarks>
    public Task WaitForConnectionsAsync(int count, CancellationToken cancellationToken = default) =>
        _monitor.WaitAsync(() => ConnectionCount >= count, cancellationToken);

    /// <summary>Waits until at least <paramref name="total"/> connections have been accepted since start (see <see cref="TotalConnectionCount"/>).</summary>
    /// <param name="total">The number of accepted connections to wait for.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public Task WaitForTotalConnectionsAsync(long total, CancellationToken cancellationToken = default) =>
        _monitor.WaitAsync(() => TotalConnectionCount >= total, cancellationToken);

    /// <summary>Waits until some open connection is subscribed to <paramref name="stream"/>.</summary>
    /// <param name="stream">The exact stream name.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public Task WaitForSubscriptionAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return _monitor.WaitAsync(() => HasSubscribers(stream), cancellationToken);
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; it is evaluated now and after every change of connections,
    /// subscriptions or requests (for example <c>() =&gt; server.ConnectionCount == 0</c>).
    /// </summary>
    /// <param name="condition">The condition; must be cheap and must not block.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return _monitor.WaitAsync(condition, cancellationToken);
    }

    /// <summary>The single request handler: WebSocket upgrades on any path, REST otherwise.</summary>
    private Task HandleHttpAsync(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest ? HandleUpgradeAsync(context) : HandleRestAsync(context);

    /// <summary>Accepts (or rejects, when a fault asks for it) a WebSocket upgrade and runs the connection.</summary>
    private async Task HandleUpgradeAsync(HttpContext context)
    {
        if (TryTakeHandshakeRejection(out var status, out var retryAfter))
        {
            Log.HandshakeRejected(_logger, status);
            context.Response.StatusCode = status;
            if (retryAfter is { } delay)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            var code = status switch
            {
                StatusCodes.Status429TooManyRequests => "TOO_MANY_REQUESTS",
                StatusCodes.Status503ServiceUnavailable => "SERVICE_UNAVAILABLE",
                _ => "HANDSHAKE_REJECTED",
            };
            await WriteRestErrorAsync(context, status, code, "Handshake rejected by the test server").ConfigureAwait(false);
            return;
        }

        if (_stopping.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // permessage-deflate is negotiated only when the client offers it; the defaults (context takeover, 15-bit windows)
        // match the real exchange's bare "permessage-deflate" answer (spec §2.4).
        using var socket = await context.WebSockets.AcceptWebSocketAsync(
            new WebSocketAcceptContext { DangerousEnableCompression = _options.EnableCompression }).ConfigureAwait(false);
        using var connectionStopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        ServerConnection connection;
        lock (_gate)
        {
            var wireBytes = context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(WireByteCounter.ItemKey, out var item) == true
                ? item as WireByteCounter
                : null;
            connection = new ServerConnection(++_lastConnectionId, socket, context, wireBytes);
            _wireBytesByConnection[connection.Id] = connection.WireBytes;
            _connections.Add(connection.Id, connection);
        }

        Log.ConnectionAccepted(_logger, connection.Id, context.Request.Path);
        _monitor.Notify();
        try
        {
            await ReceiveLoopAsync(connection, connectionStopping.Token).ConfigureAwait(false);
        }
        finally
        {
            Remove(connection);
            Log.ConnectionEnded(_logger, connection.Id);
        }
    }

    /// <summary>Reads whole messages from one connection and handles each as a request until the connection ends.</summary>
    private async Task ReceiveLoopAsync(ServerConnection connection, CancellationToken cancellationToken)
    {
        var socket = connection.Socket;
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var message = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // The client closed first: answer its Close. If we closed first, the handshake is now complete.
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await connection.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None).ConfigureAwait(false);
                    }

                    return;
                }

                if (message.WrittenCount + result.Count > _options.MaxRequestSize)
                {
                    await connection.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "Message too big", CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var text = result.MessageType == WebSocketMessageType.Text
                    ? Encoding.UTF8.GetString(message.WrittenSpan)
                    : null;
                var binaryLength = message.WrittenCount;
                message.ResetWrittenCount();
                try
                {
                    await HandleMessageAsync(connection, text, binaryLength, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Forgets a connection and its subscriptions. Idempotent.</summary>
    /// <returns><see langword="true"/> if the connection was still registered.</returns>
    private bool Remove(ServerConnection connection)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connection.Id))
            {
                return false;
            }

            foreach (var stream in connection.Subscriptions)
            {
                ReleaseSubscriberLocked(stream);
            }

            connection.Subscriptions.Clear();
        }

        _monitor.Notify();
        return true;
    }

    /// <summary>Counts one more subscriber of <paramref name="stream"/>; the caller holds <see cref="_gate"/>.</summary>
    private void AddSubscriberLocked(string stream) =>
        _subscriberCounts[stream] = _subscriberCounts.GetValueOrDefault(stream) + 1;

    /// <summary>Counts one subscriber of <paramref name="stream"/> less; the caller holds <see cref="_gate"/>.</summary>
    private void ReleaseSubscriberLocked(string stream)
    {
        var remaining = _subscriberCounts.GetValueOrDefault(stream) - 1;
        if (remaining > 0)
        {
            _subscriberCounts[stream] = remaining;
        }
        else
        {
            _subscriberCounts.Remove(stream);
        }
    }

    /// <summary>A snapshot of the open connections, optionally only those subscribed to <paramref name="stream"/>.</summary>
    private ServerConnection[] SnapshotConnections(string? stream)
    {
        lock (_gate)
        {
            return stream is null
                ? [.. _connections.Values]
                : [.. _connections.Values.Where(connection => connection.Subscriptions.Contains(stream))];
        }
    }
}

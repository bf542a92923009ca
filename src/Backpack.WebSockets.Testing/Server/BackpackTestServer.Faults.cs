using System.Net.WebSockets;

namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestServer
{
    /// <summary>How many upcoming handshakes to reject; guarded by <see cref="_gate"/>.</summary>
    private int _handshakesToReject;

    /// <summary>The HTTP status for rejected handshakes; guarded by <see cref="_gate"/>.</summary>
    private int _rejectionStatus;

    /// <summary>The Retry-After for rejected handshakes; guarded by <see cref="_gate"/>.</summary>
    private TimeSpan? _rejectionRetryAfter;

    /// <summary>The fragment size for outgoing text messages, 0 for none; read and written atomically.</summary>
    private int _fragmentSize;

    /// <summary>The current fragment size, or <see langword="null"/> when messages go out whole.</summary>
    private int? FragmentSize
    {
        get
        {
            var size = Volatile.Read(ref _fragmentSize);
            return size > 0 ? size : null;
        }
    }

    /// <summary>
    /// Drops every open connection abruptly: the TCP connection is aborted, no Close frame is sent. The connections and
    /// their subscriptions are forgotten at once (<see cref="ConnectionCount"/> is 0 when this returns). Clients see a
    /// <see cref="WebSocketException"/> on their next receive.
    /// </summary>
    public void DropAllConnections()
    {
        var connections = SnapshotConnections(stream: null);
        foreach (var connection in connections)
        {
            if (Remove(connection))
            {
                connection.Abort();
            }
        }

        if (connections.Length > 0)
        {
            Log.ConnectionsDropped(_logger, connections.Length);
        }
    }

    /// <summary>
    /// Starts a server-side close on every open connection: sends a Close frame with <paramref name="status"/> and
    /// <paramref name="description"/> and does not wait for the clients' replies. A connection leaves
    /// <see cref="ConnectionCount"/> when its client answers the Close (or the server stops).
    /// </summary>
    /// <param name="status">The close status, e.g. <see cref="WebSocketCloseStatus.EndpointUnavailable"/> (1001, "going away").</param>
    /// <param name="description">The close reason text (at most 123 UTF-8 bytes).</param>
    /// <param name="cancellationToken">Cancels the sends still pending.</param>
    /// <returns>A task that completes when every Close frame has been sent.</returns>
    public async Task CloseAllConnectionsAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        var connections = SnapshotConnections(stream: null);
        foreach (var connection in connections)
        {
            await connection.CloseOutputAsync(status, description, cancellationToken).ConfigureAwait(false);
        }

        Log.ConnectionsClosed(_logger, connections.Length, (int)status);
    }

    /// <summary>
    /// Rejects the next <paramref name="count"/> WebSocket handshakes with HTTP <paramref name="httpStatus"/> (and a
    /// <c>Retry-After</c> header in whole seconds, rounded up, when <paramref name="retryAfter"/> is given) instead of
    /// upgrading. Replaces any earlier setting. REST requests are not affected.
    /// </summary>
    /// <param name="count">How many handshakes to reject; 0 cancels an earlier setting.</param>
    /// <param name="httpStatus">The status code, e.g. 429 or 503.</param>
    /// <param name="retryAfter">The Retry-After delay, or <see langword="null"/> for no header.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, <paramref name="httpStatus"/> is not in 400..599, or <paramref name="retryAfter"/> is negative.</exception>
    public void RejectNextHandshakes(int count, int httpStatus, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(httpStatus, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(httpStatus, 599);
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(retryAfter));
        }

        lock (_gate)
        {
            _handshakesToReject = count;
            _rejectionStatus = httpStatus;
            _rejectionRetryAfter = retryAfter;
        }
    }

    /// <summary>Sends an error frame <c>{"id":null,"error":{"code":...,"message":...}}</c> to every open connection, unprompted.</summary>
    /// <param name="code">The error code, e.g. <see cref="BackpackErrorCodes.InvalidStream"/>.</param>
    /// <param name="message">The error message.</param>
    /// <param name="cancellationToken">Cancels the sends still pending.</param>
    /// <returns>The number of connections the frame was sent to.</returns>
    public Task<int> SendErrorFrameAsync(int code, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PublishRawFrameAsync(JsonFrames.Error(code, message), cancellationToken);
    }

    /// <summary>
    /// Sends every open connection one text message of <paramref name="inflatedLength"/> spaces, in 64 KiB fragments from
    /// one reused buffer. On a connection that negotiated <c>permessage-deflate</c> it crosses the wire as a few KiB that
    /// inflate to the full length: a deflate bomb, to test that a client bounds the inflated size, not the wire size.
    /// </summary>
    /// <param name="inflatedLength">The message length in bytes before compression.</param>
    /// <param name="cancellationToken">Cancels the sends still pending.</param>
    /// <returns>The number of connections that took the whole message (a client that aborts part-way is not counted).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inflatedLength"/> is less than 1.</exception>
    public async Task<int> SendCompressionBombAsync(long inflatedLength, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inflatedLength, 1);
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)' ');
        var sent = 0;
        foreach (var connection in SnapshotConnections(stream: null))
        {
            if (await connection.SendRepeatedAsync(chunk, inflatedLength, cancellationToken).ConfigureAwait(false))
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>
    /// Sends every later text message (data, errors, snapshots) in WebSocket fragments (continuation frames) of
    /// <paramref name="fragmentSize"/> bytes, to test the client's reassembly; <see langword="null"/> sends whole messages again.
    /// Fragments may split a multi-byte UTF-8 character.
    /// </summary>
    /// <param name="fragmentSize">The fragment payload size in bytes, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fragmentSize"/> is less than 1.</exception>
    public void FragmentFrames(int? fragmentSize)
    {
        if (fragmentSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(fragmentSize));
        }

        Volatile.Write(ref _fragmentSize, fragmentSize ?? 0);
    }

    /// <summary>Consumes one pending handshake rejection, if any.</summary>
    private bool TryTakeHandshakeRejection(out int status, out TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            status = _rejectionStatus;
            retryAfter = _rejectionRetryAfter;
            if (_handshakesToReject == 0)
            {
                return false;
            }

            _handshakesToReject--;
            return true;
        }
    }
}

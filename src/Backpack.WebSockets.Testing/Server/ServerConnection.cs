using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Backpack.WebSockets.Testing;

/// <summary>One accepted WebSocket connection of a <see cref="BackpackTestServer"/>: its socket, its subscriptions and its send lock.</summary>
/// <remarks>
/// Sends are serialized by one lock, so a fragmented message is never interleaved with another and frames keep the
/// order in which they were sent. One receive loop (the server's) runs beside the sends.
/// </remarks>
internal sealed class ServerConnection
{
    /// <summary>Serializes every send, including the Close frame.</summary>
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>The HTTP context of the upgrade, aborted to drop the TCP connection.</summary>
    private readonly HttpContext _context;

    /// <summary>Creates a connection record.</summary>
    public ServerConnection(long id, WebSocket socket, HttpContext context, WireByteCounter? wireBytes)
    {
        Id = id;
        Socket = socket;
        _context = context;
        WireBytes = wireBytes;
    }

    /// <summary>Counts what this connection's TCP stream carried out; <see langword="null"/> if the transport gave none.</summary>
    public WireByteCounter? WireBytes { get; }

    /// <summary>The connection id, from 1.</summary>
    public long Id { get; }

    /// <summary>The server side of the WebSocket.</summary>
    public WebSocket Socket { get; }

    /// <summary>The streams this connection is subscribed to; guarded by the server's state lock.</summary>
    public HashSet<string> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Takes the send lock; pair with <see cref="ExitSend"/>.</summary>
    public Task EnterSendAsync(CancellationToken cancellationToken) => _sendLock.WaitAsync(cancellationToken);

    /// <summary>Releases the send lock.</summary>
    public void ExitSend() => _sendLock.Release();

    /// <summary>Sends one text message under the send lock.</summary>
    /// <returns><see langword="false"/> if the connection is no longer open.</returns>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> utf8, int? fragmentSize, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendLockedAsync(utf8, fragmentSize, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends one text message; the caller holds the send lock.</summary>
    /// <returns><see langword="false"/> if the connection is no longer open.</returns>
    public async Task<bool> SendLockedAsync(ReadOnlyMemory<byte> utf8, int? fragmentSize, CancellationToken cancellationToken)
    {
        if (Socket.State != WebSocketState.Open)
        {
            return false;
        }

        try
        {
            var size = fragmentSize is > 0 ? fragmentSize.Value : Math.Max(utf8.Length, 1);
            var offset = 0;
            do
            {
                // Fragments may split a UTF-8 sequence: RFC 6455 validates text only on the whole message.
                var length = Math.Min(size, utf8.Length - offset);
                var last = offset + length >= utf8.Length;
                await Socket.SendAsync(utf8.Slice(offset, length), WebSocketMessageType.Text, last, cancellationToken).ConfigureAwait(false);
                offset += length;
            }
            while (offset < utf8.Length);

            return true;
        }
        catch (Exception exception) when (IsConnectionGone(exception, cancellationToken))
        {
            return false;
        }
    }

    /// <summary>
    /// Sends one text message of <paramref name="length"/> bytes made of <paramref name="chunk"/> repeated, in fragments of
    /// the chunk's size, under the send lock: a large message without a large buffer.
    /// </summary>
    /// <returns><see langword="false"/> if the connection was gone before the whole message was sent.</returns>
    public async Task<bool> SendRepeatedAsync(ReadOnlyMemory<byte> chunk, long length, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var sent = 0L; sent < length;)
            {
                if (Socket.State != WebSocketState.Open)
                {
                    return false;
                }

                var size = (int)Math.Min(chunk.Length, length - sent);
                sent += size;
                await Socket.SendAsync(chunk[..size], WebSocketMessageType.Text, sent >= length, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception exception) when (IsConnectionGone(exception, cancellationToken))
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a Close frame (server-initiated close) under the send lock, without waiting for the client's reply.</summary>
    public async Task CloseOutputAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Socket.CloseOutputAsync(status, description, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (IsConnectionGone(exception, cancellationToken))
        {
            // Already gone: nothing to close.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the connection abruptly: no Close frame, the TCP connection is aborted.</summary>
    public void Abort()
    {
        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request already ended (a stop cancels every receive loop at once, racing this): nothing left to abort.
        }

        Socket.Abort();
    }

    /// <summary>
    /// Whether <paramref name="exception"/> only says the connection is gone. An aborted socket fails pending sends with
    /// <see cref="OperationCanceledException"/> too; that is not the caller's cancellation and must not stop a publisher.
    /// </summary>
    private static bool IsConnectionGone(Exception exception, CancellationToken cancellationToken) =>
        exception is WebSocketException or IOException or ObjectDisposedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}

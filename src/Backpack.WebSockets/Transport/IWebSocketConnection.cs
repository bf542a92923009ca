using System.Net.WebSockets;

namespace Backpack.WebSockets.Transport;

/// <summary>
/// One open WebSocket connection, with the shape of <see cref="WebSocket"/>: frames in, frames out, close.
/// </summary>
/// <remarks>
/// The client runs exactly one receive loop and serializes its sends, so an implementation needs to support one
/// <see cref="ReceiveAsync"/> and one <c>SendAsync</c> at a time, concurrently with each other (as
/// <see cref="WebSocket"/> does). Implementations must answer the server's pings themselves.
/// </remarks>
public interface IWebSocketConnection : IAsyncDisposable
{
    /// <summary>The status the peer closed with, once a Close frame was received.</summary>
    WebSocketCloseStatus? CloseStatus { get; }

    /// <summary>The description the peer closed with, once a Close frame was received.</summary>
    string? CloseStatusDescription { get; }

    /// <summary>
    /// Whether the server accepted the <c>permessage-deflate</c> extension (RFC 7692) in the handshake, so frames may
    /// arrive compressed. <see cref="ReceiveAsync"/> always returns inflated bytes.
    /// </summary>
    /// <value>Defaults to <see langword="false"/> for connections that never negotiate compression.</value>
    bool IsCompressed => false;

    /// <summary>Receives the next frame (or part of one) into <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Where to write the payload.</param>
    /// <param name="cancellationToken">Cancels the receive; the connection is then unusable.</param>
    /// <returns>The count, type and end-of-message flag of what was received.</returns>
    ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Sends a frame. The default connection sends it uncompressed even on a compressed connection.</summary>
    /// <param name="buffer">The payload.</param>
    /// <param name="messageType">Text for every Backpack request.</param>
    /// <param name="endOfMessage">Whether this frame ends the message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the frame was handed to the network.</returns>
    ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a frame with <see cref="WebSocketMessageFlags"/>: <see cref="WebSocketMessageFlags.DisableCompression"/> sends
    /// it uncompressed on a compressed connection (for messages that carry secrets, such as a signed SUBSCRIBE: compressing
    /// secrets next to attacker-influenced data can leak them, and the server's inflating of client frames is unverified).
    /// </summary>
    /// <param name="buffer">The payload.</param>
    /// <param name="messageType">Text for every Backpack request.</param>
    /// <param name="messageFlags"><see cref="WebSocketMessageFlags.EndOfMessage"/> and, optionally, <see cref="WebSocketMessageFlags.DisableCompression"/>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the frame was handed to the network.</returns>
    /// <remarks>
    /// The default implementation calls <see cref="SendAsync(ReadOnlyMemory{byte}, WebSocketMessageType, bool, CancellationToken)"/>,
    /// which is right for a connection that never compresses.
    /// </remarks>
    ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken) =>
        SendAsync(buffer, messageType, (messageFlags & WebSocketMessageFlags.EndOfMessage) != 0, cancellationToken);

    /// <summary>
    /// Sends a Close frame: starts the close handshake, or answers the peer's Close. It does not wait for the peer's
    /// answer; the client's receive loop reads it (<see cref="WebSocket.CloseOutputAsync"/> semantics).
    /// </summary>
    /// <param name="closeStatus">The status to send.</param>
    /// <param name="statusDescription">An optional description.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the Close frame was sent.</returns>
    Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken);

    /// <summary>Closes the connection at once, without a handshake. Pending receives and sends fail.</summary>
    void Abort();
}

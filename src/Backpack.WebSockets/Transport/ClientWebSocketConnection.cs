using System.Net.WebSockets;

namespace Backpack.WebSockets.Transport;

/// <summary>An <see cref="IWebSocketConnection"/> over a connected <see cref="WebSocket"/>.</summary>
internal sealed class ClientWebSocketConnection : IWebSocketConnection
{
    private readonly WebSocket _socket;

    public ClientWebSocketConnection(WebSocket socket, bool isCompressed = false)
    {
        _socket = socket;
        IsCompressed = isCompressed;
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public bool IsCompressed { get; }

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    public ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, cancellationToken);

    // Requests go out uncompressed unless a caller asks otherwise: they are tiny, a signed one carries a secret, and
    // whether the exchange inflates client frames is unverified (spec §2.4, §13).
    public ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        _socket.SendAsync(
            buffer,
            messageType,
            WebSocketMessageFlags.DisableCompression | (endOfMessage ? WebSocketMessageFlags.EndOfMessage : WebSocketMessageFlags.None),
            cancellationToken);

    public ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken) =>
        _socket.SendAsync(buffer, messageType, messageFlags, cancellationToken);

    // Only the Close frame is sent here: the client's receive loop reads the peer's answer, so a receive never races this.
    public Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _socket.State is WebSocketState.Open or WebSocketState.CloseReceived
            ? _socket.CloseOutputAsync(closeStatus, statusDescription, cancellationToken)
            : Task.CompletedTask;

    public void Abort() => _socket.Abort();

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

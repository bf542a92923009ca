namespace Backpack.WebSockets.Transport;

/// <summary>
/// Opens WebSocket connections for a <see cref="BackpackStreamClient"/>. The seam for tests, proxies and custom transports.
/// </summary>
/// <remarks>
/// The default is <see cref="ClientWebSocketConnector"/>. The client calls <see cref="ConnectAsync"/> once per connection
/// attempt and never reuses a connection after it closed.
/// </remarks>
public interface IWebSocketConnector
{
    /// <summary>Opens a new connection to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The <c>ws://</c> or <c>wss://</c> endpoint.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <returns>An open connection.</returns>
    /// <exception cref="BackpackStreamException">The handshake failed (<see cref="BackpackStreamErrorCode.ConnectionFailed"/>).</exception>
    Task<IWebSocketConnection> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default);
}

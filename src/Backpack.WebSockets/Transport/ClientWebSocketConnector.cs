using System.Net;
using System.Net.WebSockets;
using Backpack.WebSockets.Protocol;

namespace Backpack.WebSockets.Transport;

/// <summary>
/// The default <see cref="IWebSocketConnector"/>: a new <see cref="ClientWebSocket"/> for every connection attempt.
/// </summary>
public sealed class ClientWebSocketConnector : IWebSocketConnector
{
    private readonly TimeSpan _keepAliveInterval;
    private readonly TimeSpan _keepAliveTimeout;
    private readonly Action<ClientWebSocketOptions>? _configure;

    /// <summary>Creates a connector that applies the keep-alive and socket settings of <paramref name="options"/>.</summary>
    /// <param name="options">The client options.</param>
    public ClientWebSocketConnector(BackpackStreamClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keepAliveInterval = options.KeepAliveInterval;
        _keepAliveTimeout = options.KeepAliveTimeout;
        _configure = options.ConfigureWebSocket;
    }

    /// <inheritdoc/>
    public async Task<IWebSocketConnection> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _keepAliveInterval;
        if (_keepAliveInterval > TimeSpan.Zero && _keepAliveTimeout > TimeSpan.Zero)
        {
            // With a timeout set, ClientWebSocket sends real pings and aborts when the pong is late (.NET 9+).
            socket.Options.KeepAliveTimeout = _keepAliveTimeout;
        }

        // Keep the HTTP status of a refused handshake so the caller learns about 429 and 5xx answers.
        socket.Options.CollectHttpResponseDetails = true;
        _configure?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new ClientWebSocketConnection(socket);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException)
        {
            var status = socket.HttpStatusCode;
            var retryAfter = ReadRetryAfter(socket);
            socket.Dispose();
            var message = status is 0 or HttpStatusCode.SwitchingProtocols
                ? $"Could not connect to {endpoint}: {ex.Message}"
                : $"Could not connect to {endpoint}: the server answered HTTP {(int)status} ({status}).";
            throw new BackpackStreamException(BackpackStreamErrorCode.ConnectionFailed, message, innerException: ex)
            {
                HttpStatusCode = status is 0 ? null : (int)status,
                RetryAfter = retryAfter,
            };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static TimeSpan? ReadRetryAfter(ClientWebSocket socket) =>
        socket.HttpResponseHeaders is { } headers && headers.TryGetValue("Retry-After", out var values)
            ? RetryAfterHeader.Parse(values.FirstOrDefault(), TimeProvider.System.GetUtcNow())
            : null;
}

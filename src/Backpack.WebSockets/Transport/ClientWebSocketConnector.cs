using System.Net;
using System.Net.WebSockets;

namespace Backpack.WebSockets.Transport;

/// <summary>
/// The default <see cref="IWebSocketConnector"/>: a new <see cref="ClientWebSocket"/> for every connection attempt.
/// </summary>
public sealed class ClientWebSocketConnector : IWebSocketConnector
{
    private readonly TimeSpan _keepAliveInterval;
    private readonly TimeSpan _keepAliveTimeout;
    private readonly Action<ClientWebSocketOptions>? _configure;
    private readonly bool _enableCompression;

    /// <summary>Creates a connector that applies the keep-alive and socket settings of <paramref name="options"/>.</summary>
    /// <param name="options">The client options.</param>
    public ClientWebSocketConnector(ClientWebSocketConnectorOptions? options = null)
    {
        options ??= new ClientWebSocketConnectorOptions();
        _keepAliveInterval = options.KeepAliveInterval;
        _keepAliveTimeout = options.KeepAliveTimeout;
        _configure = options.ConfigureWebSocket;
        _enableCompression = options.EnableCompression;
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

        if (_enableCompression)
        {
            // Offer permessage-deflate with the RFC 7692 defaults (context takeover, 15-bit windows), which is what the
            // exchange answers with its bare "permessage-deflate" (spec §2.4). The server decides; a plain answer is fine.
            socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        }

        // Keep the HTTP status of a refused handshake so the caller learns about 429 and 5xx answers, and the response
        // headers so the negotiated extension can be read.
        socket.Options.CollectHttpResponseDetails = true;
        _configure?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            var isCompressed = socket.Options.DangerousDeflateOptions is not null && AcceptedDeflate(socket.HttpResponseHeaders);

            // The headers are not needed past the handshake; let them go with the connection's first message.
            socket.HttpResponseHeaders = null;
            return new ClientWebSocketConnection(socket, isCompressed);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException)
        {
            var status = socket.HttpStatusCode;
            var retryAfter = socket.HttpResponseHeaders is { } headers && headers.TryGetValue("Retry-After", out var values) ? values.FirstOrDefault() : null;
            socket.Dispose();
            var refused = status is not (0 or HttpStatusCode.SwitchingProtocols);
            var message = refused
                ? $"Could not connect to {endpoint}: the server answered HTTP {(int)status} ({status})."
                : $"Could not connect to {endpoint}: {ex.Message}";
            throw new WebSocketHandshakeException(message, refused ? (int)status : null, retryAfter, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether the handshake answer's <c>Sec-WebSocket-Extensions</c> selected <c>permessage-deflate</c>.</summary>
    internal static bool AcceptedDeflate(IReadOnlyDictionary<string, IEnumerable<string>>? headers) =>
        headers is not null
        && headers.TryGetValue("Sec-WebSocket-Extensions", out var values)
        && values.Any(value => value.Split(',').Any(extension =>
            extension.Split(';')[0].Trim().Equals("permessage-deflate", StringComparison.OrdinalIgnoreCase)));
}

using System.Net.WebSockets;

namespace Backpack.WebSockets.Transport;

/// <summary>Settings of a <see cref="ClientWebSocketConnector"/>: what each new <see cref="ClientWebSocket"/> gets before its handshake.</summary>
public sealed class ClientWebSocketConnectorOptions
{
    /// <summary>How often the socket sends a keep-alive ping; zero for none. Defaults to 30 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may wait for its pong before the socket is aborted; zero for unsolicited pongs only. Defaults to 30 seconds.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether to offer permessage-deflate (RFC 7692). Defaults to <see langword="true"/>.</summary>
    public bool EnableCompression { get; set; } = true;

    /// <summary>An optional hook to adjust each socket's options before the handshake (proxy, headers, certificates).</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }
}

namespace Backpack.WebSockets;

/// <summary>The state of a <see cref="BackpackStreamClient"/>'s connection.</summary>
public enum BackpackConnectionState
{
    /// <summary>Not connected; the next <c>ConnectAsync</c> or <c>SubscribeAsync</c> connects.</summary>
    Disconnected = 0,

    /// <summary>A WebSocket handshake is in progress.</summary>
    Connecting,

    /// <summary>Connected; subscriptions flow.</summary>
    Connected,

    /// <summary>The connection was lost and the client is reconnecting.</summary>
    Reconnecting,

    /// <summary>The client was disposed. Terminal.</summary>
    Closed,
}

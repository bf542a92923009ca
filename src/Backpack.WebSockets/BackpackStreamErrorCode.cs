namespace Backpack.WebSockets;

/// <summary>
/// Why a <see cref="BackpackStreamException"/> was thrown. New members may be added; treat unknown values as failures.
/// </summary>
public enum BackpackStreamErrorCode
{
    /// <summary>The reason is not one of the other codes.</summary>
    Unknown = 0,

    /// <summary>The WebSocket handshake failed (DNS, TCP, TLS or an HTTP status such as 429 or 503).</summary>
    ConnectionFailed,

    /// <summary>An established connection was aborted or failed (a reset, a transport error); see also the more specific disconnect reasons below.</summary>
    ConnectionLost,

    /// <summary>A private (<c>account.*</c>) stream was requested without credentials, or the server rejected the signature (server code 4003).</summary>
    AuthenticationFailed,

    /// <summary>The server rejected a SUBSCRIBE, for example for an unknown stream or symbol (server code 4006).</summary>
    SubscriptionRejected,

    /// <summary>
    /// The server sent something that does not follow the protocol (a binary frame, invalid UTF-8 in a text frame: the
    /// client then closes with 1007), or the server could not parse a request (server code 4002).
    /// </summary>
    ProtocolViolation,

    /// <summary>A consumer of a stream that must not drop items fell further behind than its buffer allows.</summary>
    SlowConsumer,

    /// <summary>
    /// A message from the server was larger than <see cref="BackpackStreamClientOptions.MaxMessageSize"/> (after inflating,
    /// when compressed); the client closed the connection with 1009.
    /// </summary>
    MessageTooLarge,

    /// <summary>The client was disposed while the operation was pending.</summary>
    ClientClosed,

    /// <summary>An order book could not get a usable REST depth snapshot (HTTP error, timeout, malformed body, or every snapshot too old).</summary>
    SnapshotFailed,

    /// <summary>The peer stopped answering keep-alive pings within <see cref="BackpackStreamClientOptions.KeepAliveTimeout"/>: the network or the server is gone.</summary>
    KeepAliveTimeout,

    /// <summary>
    /// The server closed the connection with a Close frame (Backpack does so before a restart); the exception's
    /// <see cref="BackpackStreamException.CloseStatus"/> and <see cref="BackpackStreamException.CloseStatusDescription"/> say how.
    /// </summary>
    ServerClosed,

    /// <summary>
    /// A REST request failed: the server answered an HTTP error status (see <see cref="BackpackStreamException.HttpStatusCode"/>
    /// and <see cref="BackpackStreamException.ApiErrorCode"/>), or the request could not be sent or timed out.
    /// </summary>
    RequestFailed,
}

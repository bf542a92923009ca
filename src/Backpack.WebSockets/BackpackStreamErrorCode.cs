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

    /// <summary>An established connection was closed or aborted.</summary>
    ConnectionLost,

    /// <summary>A private (<c>account.*</c>) stream was requested without credentials, or the server rejected the signature (server code 4003).</summary>
    AuthenticationFailed,

    /// <summary>The server rejected a SUBSCRIBE, for example for an unknown stream or symbol (server code 4006).</summary>
    SubscriptionRejected,

    /// <summary>The server sent something that does not follow the protocol.</summary>
    ProtocolViolation,

    /// <summary>A consumer of a stream that must not drop items fell further behind than its buffer allows.</summary>
    SlowConsumer,

    /// <summary>A message from the server was larger than <see cref="BackpackStreamClientOptions.MaxMessageSize"/>.</summary>
    MessageTooLarge,

    /// <summary>The client was disposed while the operation was pending.</summary>
    ClientClosed,

    /// <summary>An order book could not get a usable REST depth snapshot (HTTP error, timeout, malformed body, or every snapshot too old).</summary>
    SnapshotFailed,

    /// <summary>
    /// A REST request failed: the server answered an HTTP error status (see <see cref="BackpackStreamException.HttpStatusCode"/>
    /// and <see cref="BackpackStreamException.ApiErrorCode"/>), or the request could not be sent or timed out.
    /// </summary>
    RequestFailed,
}

namespace Backpack.WebSockets.Transport;

/// <summary>
/// A WebSocket handshake that the server refused or that failed on the way, as <see cref="ClientWebSocketConnector"/>
/// reports it: with the HTTP status and the raw <c>Retry-After</c> header of a refusal, when there was one.
/// </summary>
/// <remarks>The client turns it into a <see cref="BackpackStreamException"/> with <see cref="BackpackStreamErrorCode.ConnectionFailed"/>.</remarks>
public sealed class WebSocketHandshakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed; must not contain secrets.</param>
    /// <param name="httpStatusCode">The HTTP status of a refusal, if the server answered with one.</param>
    /// <param name="retryAfterHeader">The server's <c>Retry-After</c> header value (seconds or an HTTP date), if it sent one.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public WebSocketHandshakeException(string message, int? httpStatusCode = null, string? retryAfterHeader = null, Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatusCode = httpStatusCode;
        RetryAfterHeader = retryAfterHeader;
    }

    /// <summary>The HTTP status of a refused handshake, when the server answered with one.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>The server's <c>Retry-After</c> header value as sent (seconds or an HTTP date), when it sent one; the client reads it.</summary>
    public string? RetryAfterHeader { get; }
}

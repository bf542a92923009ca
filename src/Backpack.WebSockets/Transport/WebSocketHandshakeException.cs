namespace Backpack.WebSockets.Transport;

/// <summary>
/// A WebSocket handshake that the server refused or that failed on the way, as <see cref="ClientWebSocketConnector"/>
/// reports it: with the HTTP status and <c>Retry-After</c> of a refusal, when there was one.
/// </summary>
/// <remarks>The client turns it into a <see cref="BackpackStreamException"/> with <see cref="BackpackStreamErrorCode.ConnectionFailed"/>.</remarks>
public sealed class WebSocketHandshakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed; must not contain secrets.</param>
    /// <param name="httpStatusCode">The HTTP status of a refusal, if the server answered with one.</param>
    /// <param name="retryAfter">The server's <c>Retry-After</c>, if it sent one.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public WebSocketHandshakeException(string message, int? httpStatusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatusCode = httpStatusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of a refused handshake, when the server answered with one.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>How long the server asked the client to wait before trying again, when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}

namespace Backpack.WebSockets;

/// <summary>
/// The one exception type the client throws for stream, connection and server failures.
/// Inspect <see cref="ErrorCode"/> (and <see cref="ServerCode"/> when the server sent an error frame) to react.
/// </summary>
/// <remarks>
/// Misuse still throws the usual BCL exceptions (<see cref="ArgumentException"/>, <see cref="InvalidOperationException"/>,
/// <see cref="ObjectDisposedException"/>), and a caller's own cancellation surfaces as <see cref="OperationCanceledException"/>.
/// Messages never contain API secrets or signatures.
/// </remarks>
public sealed class BackpackStreamException : Exception
{
    /// <summary>Creates an exception with a reason code.</summary>
    /// <param name="errorCode">Why the operation failed.</param>
    /// <param name="message">A human-readable description; must not contain secrets.</param>
    /// <param name="streamName">The stream the failure belongs to, when it belongs to one.</param>
    /// <param name="serverCode">The numeric code of the server's error frame, when there was one (for example 4003 or 4006).</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public BackpackStreamException(
        BackpackStreamErrorCode errorCode,
        string message,
        string? streamName = null,
        int? serverCode = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StreamName = streamName;
        ServerCode = serverCode;
    }

    /// <summary>Why the operation failed.</summary>
    public BackpackStreamErrorCode ErrorCode { get; }

    /// <summary>The stream this failure belongs to, or <see langword="null"/> for connection-wide failures.</summary>
    public string? StreamName { get; }

    /// <summary>The code of the server's error frame (<c>{"id":null,"error":{"code":...}}</c>), when the server sent one.</summary>
    public int? ServerCode { get; }

    /// <summary>The HTTP status of a failed handshake or REST request, when the server answered with one.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>How long the server asked the client to wait before trying again (HTTP <c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The close status code the server sent, for <see cref="BackpackStreamErrorCode.ServerClosed"/> (1000, 1001, 1011, ...).</summary>
    public int? CloseStatus { get; init; }

    /// <summary>The close reason the server sent, for <see cref="BackpackStreamErrorCode.ServerClosed"/>; may be empty.</summary>
    public string? CloseStatusDescription { get; init; }

    /// <summary>
    /// The error code of a REST error body (<c>{"code":"...","message":"..."}</c>), for example <c>INVALID_CLIENT_REQUEST</c>
    /// or <c>TOO_MANY_REQUESTS</c>, when the server sent one; <see langword="null"/> for plain-text bodies.
    /// </summary>
    public string? ApiErrorCode { get; init; }

    /// <summary>
    /// <see langword="true"/> when retrying the same operation later may succeed (connection failures, a lost connection,
    /// a slow consumer that resubscribes, a REST request that timed out or was answered 408, 429 or 5xx);
    /// <see langword="false"/> for rejections that will repeat (bad stream, bad key, a REST 400, 401 or 404).
    /// </summary>
    public bool IsTransient => ErrorCode switch
    {
        BackpackStreamErrorCode.ConnectionFailed or BackpackStreamErrorCode.ConnectionLost or BackpackStreamErrorCode.KeepAliveTimeout
            or BackpackStreamErrorCode.ServerClosed or BackpackStreamErrorCode.SlowConsumer => true,
        BackpackStreamErrorCode.RequestFailed => HttpStatusCode is null or 408 or 429 or >= 500,
        _ => false,
    };
}

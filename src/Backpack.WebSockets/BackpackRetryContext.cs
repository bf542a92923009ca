namespace Backpack.WebSockets;

/// <summary>What a <see cref="BackpackReconnectPolicy"/> knows when it decides on the next attempt.</summary>
public sealed class BackpackRetryContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="previousRetryCount">How many reconnect attempts failed so far (0 right after the loss).</param>
    /// <param name="elapsedTime">How long ago the connection was lost.</param>
    /// <param name="retryReason">The error that ended the connection or failed the last attempt.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="previousRetryCount"/> or <paramref name="elapsedTime"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="retryReason"/> is null.</exception>
    public BackpackRetryContext(int previousRetryCount, TimeSpan elapsedTime, Exception retryReason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(previousRetryCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(elapsedTime, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(retryReason);
        PreviousRetryCount = previousRetryCount;
        ElapsedTime = elapsedTime;
        RetryReason = retryReason;
    }

    /// <summary>How many reconnect attempts failed so far: 0 when the connection was just lost.</summary>
    public int PreviousRetryCount { get; }

    /// <summary>How long ago the connection was lost.</summary>
    public TimeSpan ElapsedTime { get; }

    /// <summary>
    /// The error that ended the connection or failed the last attempt; usually a <see cref="BackpackStreamException"/>
    /// (with <see cref="BackpackStreamException.HttpStatusCode"/> for a refused handshake).
    /// </summary>
    public Exception RetryReason { get; }
}

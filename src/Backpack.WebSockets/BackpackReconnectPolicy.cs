using Backpack.WebSockets.Connections;

namespace Backpack.WebSockets;

/// <summary>
/// Decides whether and when a <see cref="BackpackStreamClient"/> tries to reconnect after its connection was lost.
/// </summary>
/// <remarks>
/// <para>
/// The client asks the policy once when the connection is lost (with <see cref="BackpackRetryContext.PreviousRetryCount"/> 0)
/// and again after every failed attempt. Return the delay before the next attempt, or <see langword="null"/> to give up:
/// every subscription then ends with the last error and <see cref="BackpackStreamClient.Closed"/> is raised.
/// </para>
/// <para>
/// Whatever the policy returns, the client waits at least the <c>Retry-After</c> of an HTTP 429 handshake answer, and
/// retries at once after the server closed the connection with a Close frame (Backpack does that before a restart).
/// </para>
/// </remarks>
public abstract class BackpackReconnectPolicy
{
    /// <summary>
    /// The default policy: never gives up; waits 0 s, 1 s, 2 s, 4 s … doubling up to 30 s, each delay (but the first)
    /// varied by up to ±20 % so that many clients do not reconnect in lockstep.
    /// </summary>
    public static BackpackReconnectPolicy Default { get; } = new DefaultReconnectPolicy();

    /// <summary>
    /// A policy that never reconnects: a lost connection ends every subscription with
    /// <see cref="BackpackStreamErrorCode.ConnectionLost"/> and the next subscribe connects again.
    /// </summary>
    public static BackpackReconnectPolicy Never { get; } = new NeverReconnectPolicy();

    /// <summary>Returns the delay before the next reconnect attempt, or <see langword="null"/> to stop reconnecting.</summary>
    /// <param name="context">The attempts so far, the time since the connection was lost and the last error.</param>
    /// <returns>The delay (zero for at once), or <see langword="null"/> to give up.</returns>
    public abstract TimeSpan? NextRetryDelay(BackpackRetryContext context);
}

namespace Backpack.WebSockets;

/// <summary>Describes a completed reconnect, for <see cref="BackpackStreamClient.Reconnected"/>.</summary>
/// <remarks>
/// Items published while the client was disconnected (during <see cref="Downtime"/>) were not received: a depth consumer
/// should resynchronize its book from a new snapshot, a private-stream consumer should fetch the account state over REST.
/// </remarks>
public sealed class BackpackReconnectedEventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="connectionId">The connection that was re-established (<see cref="BackpackConnectionInfo.Id"/>).</param>
    /// <param name="downtime">The time from the loss of the connection to the end of the resubscribe.</param>
    /// <param name="attempts">How many connection attempts the reconnect took (at least 1).</param>
    /// <param name="resubscribedStreams">The streams subscribed again on the new connection.</param>
    /// <exception cref="ArgumentNullException"><paramref name="resubscribedStreams"/> is null.</exception>
    public BackpackReconnectedEventArgs(int connectionId, TimeSpan downtime, int attempts, IReadOnlyList<string> resubscribedStreams)
    {
        ArgumentNullException.ThrowIfNull(resubscribedStreams);
        ConnectionId = connectionId;
        Downtime = downtime;
        Attempts = attempts;
        ResubscribedStreams = resubscribedStreams;
    }

    /// <summary>The connection that was re-established (<see cref="BackpackConnectionInfo.Id"/>).</summary>
    public int ConnectionId { get; }

    /// <summary>The time from the loss of the connection until every stream was subscribed again: the window in which items may have been missed.</summary>
    public TimeSpan Downtime { get; }

    /// <summary>How many connection attempts the reconnect took (at least 1).</summary>
    public int Attempts { get; }

    /// <summary>The streams subscribed again on the new connection. A stream the server rejected this time is not listed; its consumers ended with the error.</summary>
    public IReadOnlyList<string> ResubscribedStreams { get; }
}

namespace Backpack.WebSockets;

/// <summary>Describes a lost connection that is being re-established, for <see cref="BackpackStreamClient.Reconnecting"/>.</summary>
/// <remarks>
/// Only the streams of <see cref="Streams"/> miss items until the matching <see cref="BackpackStreamClient.Reconnected"/>;
/// streams on the client's other connections are not affected.
/// </remarks>
public sealed class BackpackReconnectingEventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="connectionId">The connection that was lost (<see cref="BackpackConnectionInfo.Id"/>).</param>
    /// <param name="error">Why it was lost.</param>
    /// <param name="streams">The streams it carried, to be subscribed again.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> or <paramref name="streams"/> is null.</exception>
    public BackpackReconnectingEventArgs(int connectionId, Exception error, IReadOnlyList<string> streams)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(streams);
        ConnectionId = connectionId;
        Error = error;
        Streams = streams;
    }

    /// <summary>The connection that was lost (<see cref="BackpackConnectionInfo.Id"/>).</summary>
    public int ConnectionId { get; }

    /// <summary>Why the connection was lost: a <see cref="BackpackStreamException"/> whose error code names the reason.</summary>
    public Exception Error { get; }

    /// <summary>The streams the connection carried when it was lost; they miss items until it is re-established.</summary>
    public IReadOnlyList<string> Streams { get; }
}

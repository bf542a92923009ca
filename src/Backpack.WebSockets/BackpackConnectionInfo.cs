namespace Backpack.WebSockets;

/// <summary>
/// A point-in-time view of one of the client's connections (one socket at a time, across its reconnects), from
/// <see cref="BackpackStreamClient.Connections"/>.
/// </summary>
/// <remarks>Immutable: read <see cref="BackpackStreamClient.Connections"/> again for newer values.</remarks>
public sealed class BackpackConnectionInfo
{
    /// <summary>Creates a view; for tests of code that consumes it (the client creates the real ones).</summary>
    /// <param name="id">The connection's id.</param>
    /// <param name="state">Its state.</param>
    /// <param name="stateChangedAt">When the state was entered.</param>
    /// <param name="streams">The streams it carries.</param>
    /// <param name="isPrivate">Whether it is the connection dedicated to <c>account.*</c> streams.</param>
    /// <param name="isCompressed">Whether its current socket negotiated permessage-deflate.</param>
    /// <param name="reconnectCount">How many times it reconnected.</param>
    /// <param name="disconnectError">The error that left it disconnected, if any.</param>
    /// <param name="unroutedFrameCount">Frames received for streams it does not carry.</param>
    /// <exception cref="ArgumentNullException"><paramref name="streams"/> is null.</exception>
    public BackpackConnectionInfo(
        int id,
        BackpackConnectionState state,
        DateTimeOffset stateChangedAt,
        IReadOnlyList<string> streams,
        bool isPrivate,
        bool isCompressed,
        int reconnectCount,
        Exception? disconnectError,
        long unroutedFrameCount)
    {
        ArgumentNullException.ThrowIfNull(streams);
        Id = id;
        State = state;
        StateChangedAt = stateChangedAt;
        Streams = streams;
        IsPrivate = isPrivate;
        IsCompressed = isCompressed;
        ReconnectCount = reconnectCount;
        DisconnectError = disconnectError;
        UnroutedFrameCount = unroutedFrameCount;
    }

    /// <summary>The connection's id, unique within its client (1 for the first connection opened).</summary>
    public int Id { get; }

    /// <summary>The connection's state.</summary>
    public BackpackConnectionState State { get; }

    /// <summary>When <see cref="State"/> was entered, on the client's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset StateChangedAt { get; }

    /// <summary>The stream names this connection carries.</summary>
    public IReadOnlyList<string> Streams { get; }

    /// <summary>
    /// Whether this is the connection dedicated to private (<c>account.*</c>) streams (see
    /// <see cref="BackpackStreamClientOptions.DedicatedPrivateConnection"/>).
    /// </summary>
    public bool IsPrivate { get; }

    /// <summary>Whether the current socket negotiated permessage-deflate compression; <see langword="false"/> while none is open.</summary>
    public bool IsCompressed { get; }

    /// <summary>How many times this connection was re-established after a loss.</summary>
    public int ReconnectCount { get; }

    /// <summary>
    /// The error that left the connection <see cref="BackpackConnectionState.Disconnected"/> (the reconnect policy gave up,
    /// or its first connect failed); <see langword="null"/> in every other state.
    /// </summary>
    public Exception? DisconnectError { get; }

    /// <summary>Frames that arrived for a stream with no subscription on this connection (late frames after an UNSUBSCRIBE, say): counted and dropped.</summary>
    public long UnroutedFrameCount { get; }

    /// <summary>Returns the id, state and stream count, for debugging.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"Connection {Id} ({(IsPrivate ? "private" : "public")}): {State}, {Streams.Count} stream(s), {ReconnectCount} reconnect(s)";
}

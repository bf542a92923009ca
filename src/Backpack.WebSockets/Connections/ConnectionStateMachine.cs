namespace Backpack.WebSockets.Connections;

/// <summary>
/// The one place where a client's <see cref="BackpackConnectionState"/> changes. Every change names the state it expects,
/// so a change that lost a race is refused instead of overwriting a newer state.
/// </summary>
/// <remarks>Not thread-safe on its own: the client calls it under its state lock.</remarks>
internal sealed class ConnectionStateMachine
{
    private readonly TimeProvider _timeProvider;

    /// <param name="timeProvider">The clock that stamps every change; <see cref="TimeProvider.System"/> when null.</param>
    public ConnectionStateMachine(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        ChangedAt = _timeProvider.GetUtcNow();
    }

    public BackpackConnectionState Current { get; private set; } = BackpackConnectionState.Disconnected;

    /// <summary>When <see cref="Current"/> was entered (creation time for the first state).</summary>
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The error that made the state <see cref="BackpackConnectionState.Disconnected"/>; null in any other state.</summary>
    public Exception? DisconnectError { get; private set; }

    /// <summary>Whether <paramref name="from"/> may ever change to <paramref name="to"/>.</summary>
    public static bool IsLegal(BackpackConnectionState from, BackpackConnectionState to) => (from, to) switch
    {
        (BackpackConnectionState.Disconnected, BackpackConnectionState.Connecting) => true,
        (BackpackConnectionState.Connecting, BackpackConnectionState.Connected) => true,
        (BackpackConnectionState.Connecting, BackpackConnectionState.Disconnected) => true,
        (BackpackConnectionState.Connected, BackpackConnectionState.Reconnecting) => true,
        (BackpackConnectionState.Connected, BackpackConnectionState.Disconnected) => true,
        (BackpackConnectionState.Reconnecting, BackpackConnectionState.Connected) => true,
        (BackpackConnectionState.Reconnecting, BackpackConnectionState.Disconnected) => true,

        // Dispose ends every state but the terminal one.
        (not BackpackConnectionState.Closed, BackpackConnectionState.Closed) => true,
        _ => false,
    };

    /// <summary>Changes the state from <paramref name="expected"/> to <paramref name="next"/> if it is <paramref name="expected"/>.</summary>
    /// <param name="expected">The state the caller believes is current.</param>
    /// <param name="next">The new state.</param>
    /// <param name="error">Why the connection went down, for a change to <see cref="BackpackConnectionState.Disconnected"/>; ignored otherwise.</param>
    /// <returns><see langword="true"/> when changed; <see langword="false"/> when the state was not <paramref name="expected"/>.</returns>
    /// <exception cref="InvalidOperationException">The transition is never legal.</exception>
    public bool TryChangeState(BackpackConnectionState expected, BackpackConnectionState next, Exception? error = null)
    {
        if (!IsLegal(expected, next))
        {
            throw new InvalidOperationException($"The connection state cannot change from {expected} to {next}.");
        }

        if (Current != expected)
        {
            return false;
        }

        Current = next;
        ChangedAt = _timeProvider.GetUtcNow();
        DisconnectError = next == BackpackConnectionState.Disconnected ? error : null;
        return true;
    }
}

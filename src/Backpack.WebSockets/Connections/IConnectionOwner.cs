using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Connections;

/// <summary>What a <see cref="StreamConnection"/> tells the pool that owns it. Never called under the connection's lock.</summary>
internal interface IConnectionOwner
{
    /// <summary>The connection was lost and will reconnect; awaited before the new socket opens.</summary>
    Task OnReconnectingAsync(StreamConnection connection, BackpackReconnectingEventArgs args);

    /// <summary>The connection is back and subscribed its streams again.</summary>
    Task OnReconnectedAsync(StreamConnection connection, BackpackReconnectedEventArgs args);

    /// <summary>The server rejected <paramref name="registration"/>; the connection already dropped it.</summary>
    void OnRejected(StreamConnection connection, StreamRegistration registration, BackpackStreamException error);

    /// <summary>The reconnect policy gave up: <paramref name="registrations"/> were taken off the connection and must end with <paramref name="error"/>.</summary>
    void OnGaveUp(StreamConnection connection, StreamRegistration[] registrations, BackpackStreamException error);
}

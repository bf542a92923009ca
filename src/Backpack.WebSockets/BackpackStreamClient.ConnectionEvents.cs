using Backpack.WebSockets.Connections;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <inheritdoc/>
    Task IConnectionOwner.OnReconnectingAsync(StreamConnection connection, BackpackReconnectingEventArgs args) =>
        InvokeHandlersAsync(Reconnecting, args, nameof(Reconnecting));

    /// <inheritdoc/>
    Task IConnectionOwner.OnReconnectedAsync(StreamConnection connection, BackpackReconnectedEventArgs args) =>
        InvokeHandlersAsync(Reconnected, args, nameof(Reconnected));

    /// <inheritdoc/>
    void IConnectionOwner.OnRejected(StreamConnection connection, StreamRegistration registration, BackpackStreamException error)
    {
        TakeFromRegistry([registration]);
        registration.TryFail(error);
        registration.CompleteAll(error);
        _pool.OnStreamRemoved(connection);
    }

    /// <inheritdoc/>
    void IConnectionOwner.OnGaveUp(StreamConnection connection, StreamRegistration[] registrations, BackpackStreamException error)
    {
        TakeFromRegistry(registrations);
        EndRegistrations(registrations, error);

        // The connection stays in the pool, Disconnected with its error, so health checks see it; a new stream placed on it
        // connects it again. The client as a whole is down only when no connection is left up.
        if (!_pool.Connections.Any(c => c.State is BackpackConnectionState.Connected or BackpackConnectionState.Connecting or BackpackConnectionState.Reconnecting))
        {
            RaiseClosed(error);
        }
    }

    private void TakeFromRegistry(IEnumerable<StreamRegistration> registrations)
    {
        lock (_gate)
        {
            foreach (var registration in registrations)
            {
                registration.IsRemoved = true;
                if (_registry.TryGetValue(registration.Name, out var placement) && ReferenceEquals(placement.Registration, registration))
                {
                    _registry.Remove(registration.Name);
                }
            }
        }
    }
}

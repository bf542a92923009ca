using Backpack.WebSockets;

namespace Backpack.StreamViewer;

/// <summary>The one place that turns the client's connections (<see cref="BackpackStreamClient.Connections"/>) into the status panel's rows.</summary>
internal static class ClientConnections
{
    /// <param name="client">The client.</param>
    public static IReadOnlyList<ConnectionView> From(BackpackStreamClient client) =>
        [.. client.Connections.Select(c => new ConnectionView(
            c.Id,
            c.State,
            c.StateChangedAt,
            c.Streams.Count,
            c.IsPrivate,
            c.IsCompressed,
            c.ReconnectCount,
            c.DisconnectError?.Message))];
}

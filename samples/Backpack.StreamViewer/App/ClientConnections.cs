using Backpack.WebSockets;

namespace Backpack.StreamViewer;

/// <summary>
/// The one place that turns what the client tells about its connections into the status panel's rows. Today the client
/// exposes its first connection only (<see cref="BackpackStreamClient.State"/>, <see cref="BackpackStreamClient.ActiveStreams"/>);
/// once it has a per-connection list, this method maps that list instead and nothing else changes.
/// </summary>
internal static class ClientConnections
{
    /// <param name="client">The client.</param>
    /// <param name="reconnects">Reconnects counted from the client's events (the client does not count them itself yet).</param>
    public static IReadOnlyList<ConnectionView> From(BackpackStreamClient client, int reconnects)
    {
        var streams = client.ActiveStreams;
        return
        [
            new ConnectionView(
                Id: 1,
                client.State,
                client.StateChangedAt,
                streams.Count,
                IsPrivate: streams.Any(stream => stream.StartsWith("account.", StringComparison.Ordinal)),
                IsCompressed: false, // Why false: the client does not negotiate compression yet.
                reconnects,
                client.DisconnectError?.Message),
        ];
    }
}

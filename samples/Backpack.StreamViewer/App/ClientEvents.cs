using System.Globalization;
using Backpack.WebSockets;

namespace Backpack.StreamViewer;

/// <summary>The viewer's only subscriptions to the client's events.</summary>
internal static class ClientEvents
{
    /// <summary>Reports reconnects and the client's end in <paramref name="state"/>.</summary>
    public static void Attach(BackpackStreamClient client, ViewerState state)
    {
        client.Reconnecting += args =>
        {
            state.Status = $"{Now()} connection {args.ConnectionId} lost ({args.Error.Message}); reconnecting";
            return Task.CompletedTask;
        };
        client.Reconnected += args =>
        {
            state.AddReconnect();
            state.Status = $"{Now()} connection {args.ConnectionId} reconnected after {args.Downtime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({args.Attempts} attempts, {args.ResubscribedStreams.Count} streams resubscribed)";
            return Task.CompletedTask;
        };
        client.Closed += error =>
        {
            if (error is not null)
            {
                state.Status = $"{Now()} client stopped: {error.Message}";
            }

            return Task.CompletedTask;
        };
    }

    private static string Now() => DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}

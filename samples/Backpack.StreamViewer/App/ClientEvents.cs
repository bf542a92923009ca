using System.Globalization;
using Backpack.WebSockets;

namespace Backpack.StreamViewer;

/// <summary>The viewer's only subscriptions to the client's events, kept in one place because their signatures are changing.</summary>
internal static class ClientEvents
{
    /// <summary>Reports reconnects and the client's end in <paramref name="state"/>.</summary>
    public static void Attach(BackpackStreamClient client, ViewerState state)
    {
        client.Reconnecting += error =>
        {
            state.Status = $"{Now()} connection lost ({error?.Message ?? "closed"}); reconnecting";
            return Task.CompletedTask;
        };
        client.Reconnected += args =>
        {
            state.AddReconnect();
            state.Status = $"{Now()} reconnected after {args.Downtime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({args.Attempts} attempts, {args.ResubscribedStreams.Count} streams resubscribed)";
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

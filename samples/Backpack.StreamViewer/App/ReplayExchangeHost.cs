using System.Globalization;
using Backpack.Samples;
using Backpack.WebSockets.Testing;

namespace Backpack.StreamViewer;

/// <summary>The fake exchange serving a recording for <c>--replay</c>, the replay running in the background.</summary>
internal static class ReplayExchangeHost
{
    /// <summary>Starts the server and the replay, which sends its first frame once the viewer subscribed to <paramref name="streams"/>.</summary>
    /// <param name="recording">The loaded recording.</param>
    /// <param name="speed">1 as recorded, 10 ten times faster, infinity as fast as possible.</param>
    /// <param name="streams">The streams the viewer subscribes to.</param>
    /// <param name="report">Told how the replay ended.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<InProcessExchange> StartAsync(SessionRecording recording, double speed, IReadOnlyCollection<string> streams, Action<string> report, CancellationToken cancellationToken) =>
        InProcessExchange.StartAsync(
            new BackpackTestServerOptions(),
            (server, stop) => ReplayAsync(server, recording, new ReplayOptions { Speed = speed, WaitForStreams = streams }, report, stop),
            cancellationToken);

    private static async Task ReplayAsync(BackpackTestServer server, SessionRecording recording, ReplayOptions options, Action<string> report, CancellationToken stop)
    {
        try
        {
            var sent = await server.ReplayAsync(recording, options, stop).ConfigureAwait(false);
            report($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} replay finished: {sent} frames sent of {recording.Messages.Count} recorded messages");
        }
        catch (Exception ex) when (ex is RecordingFormatException or InvalidOperationException)
        {
            report($"replay failed: {ex.Message}");
        }
    }
}

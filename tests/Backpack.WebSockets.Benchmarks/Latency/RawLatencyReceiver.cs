using System.Net.WebSockets;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>The floor: a <see cref="ClientWebSocket"/> receive loop into one reused buffer that reads each stamp inline.</summary>
internal static class RawLatencyReceiver
{
    public static async Task<LatencyResult> RunAsync(Uri endpoint, LatencySchedule schedule, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[64 * 1024];
        var histogram = LatencyMeter.NewHistogram();
        var meter = new LatencyMeter();
        await socket.SendAsync(LatencyFrames.SubscribeMessage(schedule.Streams), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        var length = 0;
        long messages = 0;
        while (messages < schedule.Count)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            length += result.Count;
            if (!result.EndOfMessage)
            {
                continue;
            }

            LatencyMeter.Record(histogram, LatencyFrames.TimestampOf(buffer.AsSpan(0, length)));
            messages++;
            length = 0;
        }

        var run = meter.Stop(LatencyReceiver.Raw, schedule, [histogram], 0);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        return run;
    }
}

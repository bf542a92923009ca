using System.Text;
using System.Text.Json;
using Backpack.WebSockets.Benchmarks.Naive;
using Websocket.Client;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>
/// Websocket.Client as its users write it: System.Text.Json deserialization of each text message inside
/// <c>MessageReceived</c>, which it raises on its receive loop (inline), and the stamp read from the trade.
/// </summary>
internal static class WebsocketClientLatencyReceiver
{
    public static async Task<LatencyResult> RunAsync(Uri endpoint, LatencySchedule schedule, CancellationToken cancellationToken)
    {
        using var client = new WebsocketClient(endpoint)
        {
            ReconnectTimeout = null,
            IsReconnectionEnabled = false,
        };
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var histogram = LatencyMeter.NewHistogram();
        long messages = 0;
        using var subscription = client.MessageReceived.Subscribe(message =>
        {
            var frame = JsonSerializer.Deserialize<NaiveEnvelope<NaiveTrade>>(message.Text!, NaiveJson.Options);
            LatencyMeter.Record(histogram, LatencyFrames.TimestampOf(frame!.Data!.TradeId));
            if (++messages == schedule.Count)
            {
                done.TrySetResult();
            }
        });
        using var disconnected = client.DisconnectionHappened.Subscribe(_ => done.TrySetResult());

        await client.Start().ConfigureAwait(false);
        var meter = new LatencyMeter();
        client.Send(Encoding.UTF8.GetString(LatencyFrames.SubscribeMessage(schedule.Streams).Span));
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var run = meter.Stop(LatencyReceiver.WebsocketClient, schedule, [histogram], 0);
        await client.Stop(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, string.Empty).ConfigureAwait(false);
        return run;
    }
}

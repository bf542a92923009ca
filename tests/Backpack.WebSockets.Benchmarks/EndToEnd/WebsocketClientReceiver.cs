using System.Text;
using System.Text.Json;
using Backpack.WebSockets.Benchmarks.Naive;
using Websocket.Client;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>Websocket.Client with System.Text.Json deserialization of each text message: what a user would otherwise pick.</summary>
internal static class WebsocketClientReceiver
{
    public static async Task<EndToEndResult> RunAsync(Uri endpoint, int count, CancellationToken cancellationToken)
    {
        using var client = new WebsocketClient(endpoint)
        {
            ReconnectTimeout = null,
            IsReconnectionEnabled = false,
        };
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long messages = 0;
        long checksum = 0;
        using var subscription = client.MessageReceived.Subscribe(message =>
        {
            var frame = JsonSerializer.Deserialize<NaiveEnvelope<NaiveTrade>>(message.Text!, NaiveJson.Options);
            checksum += frame?.Data?.TradeId ?? 0;
            if (++messages == count)
            {
                done.TrySetResult();
            }
        });
        using var disconnected = client.DisconnectionHappened.Subscribe(_ => done.TrySetResult());

        await client.Start().ConfigureAwait(false);
        var meter = RunMeter.Start();
        client.Send(Encoding.UTF8.GetString(EndToEndRunner.GoMessage.Span));
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var run = meter.Stop(ReceiverKind.WebsocketClient, Interlocked.Read(ref messages), 0);
        GC.KeepAlive(checksum);
        await client.Stop(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, string.Empty).ConfigureAwait(false);
        return run;
    }
}

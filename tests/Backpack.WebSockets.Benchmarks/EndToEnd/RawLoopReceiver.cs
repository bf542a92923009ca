using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Backpack.WebSockets.Benchmarks.Naive;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>
/// A plain <see cref="ClientWebSocket"/> receive loop into one reused buffer: counting only (the floor), or the naive
/// receiver that also runs <see cref="JsonDocument"/> and reflection deserialization on each message.
/// </summary>
internal static class RawLoopReceiver
{
    public static async Task<EndToEndResult> RunAsync(Uri endpoint, int count, bool naive, CancellationToken cancellationToken, bool deflate = false)
    {
        using var socket = new ClientWebSocket();
        if (deflate)
        {
            socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
            socket.Options.CollectHttpResponseDetails = true;
        }

        await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        if (deflate && socket.HttpResponseHeaders?.ContainsKey("Sec-WebSocket-Extensions") != true)
        {
            throw new InvalidOperationException("The sender did not accept permessage-deflate.");
        }

        var buffer = new byte[64 * 1024];
        long messages = 0;
        long checksum = 0;
        var meter = RunMeter.Start();
        await socket.SendAsync(EndToEndRunner.GoMessage, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        var length = 0;
        while (messages < count)
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

            if (naive)
            {
                checksum += Deserialize(buffer.AsMemory(0, length));
            }

            messages++;
            length = 0;
        }

        var run = meter.Stop(naive ? ReceiverKind.Naive : deflate ? ReceiverKind.RawDeflate : ReceiverKind.Raw, messages, 0);
        GC.KeepAlive(checksum);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        return run;
    }

    private static long Deserialize(ReadOnlyMemory<byte> message)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        var stream = root.GetProperty("stream").GetString();
        var trade = root.GetProperty("data").Deserialize<NaiveTrade>(NaiveJson.Options);
        return stream is null || trade is null ? 0 : trade.TradeId;
    }
}

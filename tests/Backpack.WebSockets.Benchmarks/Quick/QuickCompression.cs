using System.Diagnostics;
using System.Text.Json;
using Backpack.WebSockets.Benchmarks.Frames;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// Part 6 of the quick mode: the same frames through the fake exchange to the client, with permessage-deflate on and
/// off: messages per second, CPU per message (server and client share this process, so both sides' work is in it), and
/// bytes on the wire per message as the fake exchange counted them, for trade and for 20-level depth frames.
/// </summary>
internal static class QuickCompression
{
    public static async Task<IReadOnlyList<QuickCompressionResult>> MeasureAsync(bool smoke, CancellationToken cancellationToken)
    {
        var count = smoke ? 200 : 20_000;
        var results = new List<QuickCompressionResult>();
        foreach (var kind in new[] { FrameKind.Trade, FrameKind.Depth20 })
        {
            foreach (var compressed in new[] { false, true })
            {
                results.Add(await RunAsync(kind, compressed, count, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    private static async Task<QuickCompressionResult> RunAsync(FrameKind kind, bool compressed, int count, CancellationToken cancellationToken)
    {
        await using var server = new BackpackTestServer(new BackpackTestServerOptions { EnableCompression = true });
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = server.WebSocketUri,
            RestEndpoint = server.RestUri,
            EnableCompression = compressed,
            ValidateSymbols = false,
            StreamCapacity = count + 16,
        });

        var stream = RecordedFrames.StreamOf(kind);
        var data = DataOf(RecordedFrames.Of(kind));
        var subscribing = kind == FrameKind.Trade
            ? Consume(await client.SubscribeAsync(BackpackStreams.Trades("BTC_USDC_PERP"), cancellationToken).ConfigureAwait(false), count, cancellationToken)
            : Consume(await client.SubscribeAsync(BackpackStreams.Depth("SOL_USDC"), cancellationToken).ConfigureAwait(false), count, cancellationToken);
        var connectionId = server.Requests.Last(r => r.Method == "SUBSCRIBE").ConnectionId;
        var bytesBefore = server.GetWireBytesSent(connectionId) ?? 0;

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await server.PublishAsync(stream, data, cancellationToken).ConfigureAwait(false);
        }

        await subscribing.ConfigureAwait(false);
        var elapsed = stopwatch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var bytes = (server.GetWireBytesSent(connectionId) ?? 0) - bytesBefore;
        return new QuickCompressionResult(
            kind,
            compressed,
            client.Connections.Single().IsCompressed,
            count / elapsed.TotalSeconds,
            cpu.TotalMicroseconds / count,
            bytes / (double)count,
            data.Length + stream.Length + 22);
    }

    private static async Task Consume<T>(BackpackSubscription<T> subscription, int count, CancellationToken cancellationToken)
    {
        var seen = 0;
        await foreach (var _ in subscription.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // Leaving the loop releases the subscription.
            if (++seen == count)
            {
                return;
            }
        }
    }

    private static string DataOf(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.GetProperty("data").GetRawText();
    }
}

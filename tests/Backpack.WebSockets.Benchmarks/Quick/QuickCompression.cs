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
        var data = Varied(DataOf(RecordedFrames.Of(kind)), count);
        var subscribing = kind == FrameKind.Trade
            ? Consume(await client.SubscribeAsync(BackpackStreams.Trades("BTC_USDC_PERP"), cancellationToken).ConfigureAwait(false), count, cancellationToken)
            : Consume(await client.SubscribeAsync(BackpackStreams.Depth("SOL_USDC"), cancellationToken).ConfigureAwait(false), count, cancellationToken);
        var connectionId = server.Requests.Last(r => r.Method == "SUBSCRIBE").ConnectionId;
        var bytesBefore = server.GetWireBytesSent(connectionId) ?? 0;

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await server.PublishAsync(stream, data[i], cancellationToken).ConfigureAwait(false);
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
            (int)data.Average(d => d.Length + stream.Length + 22));
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

    /// <summary>
    /// The recorded payload with every number string changed, seeded: identical frames would compress to a few bytes, far
    /// better than a real feed, whose ids, prices and quantities change from message to message.
    /// </summary>
    private static string[] Varied(string data, int count)
    {
        var random = new Random(11);
        var numbers = new System.Text.RegularExpressions.Regex("\"(\\d+)(\\.\\d+)?\"");
        var counters = new System.Text.RegularExpressions.Regex("(?<=:)(\\d{6,})");
        var frames = new string[count];
        for (var i = 0; i < count; i++)
        {
            // Ids and microsecond times count up, as on the wire.
            var step = i;
            var counted = counters.Replace(data, m => (long.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) + (step * 137L)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            frames[i] = numbers.Replace(counted, m =>
            {
                var whole = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var drifted = Math.Max(0, whole + random.Next(-3, 4));
                var fraction = m.Groups[2].Success
                    ? "." + random.Next(0, (int)Math.Pow(10, Math.Min(6, m.Groups[2].Length - 1))).ToString(new string('0', Math.Min(6, m.Groups[2].Length - 1)), System.Globalization.CultureInfo.InvariantCulture)
                    : string.Empty;
                return "\"" + drifted.ToString(System.Globalization.CultureInfo.InvariantCulture) + fraction + "\"";
            });
        }

        return frames;
    }

    private static string DataOf(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.GetProperty("data").GetRawText();
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Backpack.WebSockets.Benchmarks.EndToEnd;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>
/// The latency runs' sender (its own process, <c>--serve-latency</c>): for each connection, reads the
/// <see cref="LatencySchedule"/> from the request path, waits until the client's frames have named every stream of the
/// schedule, then sends it, each frame stamped with the send time (<see cref="LatencyFrames"/>), then a Close frame.
/// Paced runs send what is due since the start on every wake-up of a 1 ms sleep, so the sender spins on no core.
/// </summary>
internal static class LatencySender
{
    /// <summary>The most frames written in one <see cref="NetworkStream.Write(ReadOnlySpan{byte})"/>.</summary>
    private const int MaxBatch = 1024;

    public static async Task<int> RunAsync()
    {
        using var listener = FrameSender.StartListening();
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private static async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            try
            {
                var (path, _) = await FrameSender.AcceptUpgradeAsync(stream).ConfigureAwait(false);
                var schedule = LatencySchedule.TryParse(path) ?? throw new InvalidDataException($"'{path}' is not a latency schedule.");
                await WaitForSubscribeAsync(stream, schedule.Streams).ConfigureAwait(false);

                // Whatever the client sends from now on (pings, its close) is read and dropped; the read ends when it hangs up.
                var drain = Task.Run(() => DrainAsync(stream));
                await Task.Factory.StartNew(() => Send(stream, schedule), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                stream.Write([0x88, 0x02, 0x03, 0xE8]);
                if (await Task.WhenAny(drain, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false) != drain)
                {
                    Console.Error.WriteLine("latency sender: the client did not hang up within 10 s.");
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
            {
                Console.Error.WriteLine($"latency sender: connection ended early: {ex.Message}");
            }
        }
    }

    private static async Task WaitForSubscribeAsync(NetworkStream stream, int streams)
    {
        var seen = new StringBuilder();
        var names = Enumerable.Range(0, streams).Select(LatencyFrames.StreamName).ToArray();
        while (!names.All(name => seen.ToString().Contains('"' + name + '"', StringComparison.Ordinal)))
        {
            seen.Append(Encoding.UTF8.GetString(await FrameSender.ReadClientFrameAsync(stream).ConfigureAwait(false)));
        }
    }

    private static async Task DrainAsync(NetworkStream stream)
    {
        var sink = new byte[16 * 1024];
        try
        {
            while (await stream.ReadAsync(sink).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away: that is the end either way.
        }
    }

    private static void Send(NetworkStream stream, LatencySchedule schedule)
    {
        var (templates, stampAt) = LatencyFrames.EncodeTemplates(schedule.Streams);
        var frameLength = templates[0].Length;
        var buffer = new byte[frameLength * MaxBatch];
        var next = 0;
        long sent = 0;

        // Fills and writes n frames, all stamped now (they leave in one write).
        void Write(int n)
        {
            var now = Stopwatch.GetTimestamp();
            for (var k = 0; k < n; k++)
            {
                var frame = buffer.AsSpan(k * frameLength, frameLength);
                templates[next].CopyTo(frame);
                LatencyFrames.WriteStamp(frame[stampAt..], now);
                next = (next + 1) % templates.Length;
            }

            stream.Write(buffer, 0, n * frameLength);
            sent += n;
        }

        if (schedule.Burst > 0)
        {
            while (sent < schedule.Count)
            {
                var end = Math.Min(schedule.Count, sent + schedule.Burst);
                while (sent < end)
                {
                    Write((int)Math.Min(MaxBatch, end - sent));
                }

                Thread.Sleep(LatencySchedule.BurstGap);
            }

            return;
        }

        var start = Stopwatch.GetTimestamp();
        while (sent < schedule.Count)
        {
            var due = Math.Min(schedule.Count, (long)((Stopwatch.GetTimestamp() - start) * (double)schedule.Rate / Stopwatch.Frequency) + 1);
            if (due > sent)
            {
                Write((int)Math.Min(MaxBatch, due - sent));
            }
            else
            {
                Thread.Sleep(1);
            }
        }
    }
}

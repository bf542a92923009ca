using System.Globalization;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>
/// Part 2: every receiver reads the same <c>count</c> trade frames from one sender process on 127.0.0.1, one after the
/// other; each receiver runs <c>rounds</c> times and its fastest run counts (other work on a shared machine only ever
/// slows a run down).
/// </summary>
internal static class EndToEndRunner
{
    /// <summary>What the baselines send to start the stream: the same SUBSCRIBE the library sends.</summary>
    public static readonly ReadOnlyMemory<byte> GoMessage = """{"method":"SUBSCRIBE","params":["trade.BTC_USDC_PERP"]}"""u8.ToArray();

    private static readonly ReceiverKind[] s_order = [ReceiverKind.Raw, ReceiverKind.Naive, ReceiverKind.WebsocketClient, ReceiverKind.Library];

    /// <summary>The compressed receive path against the plain one, and against ClientWebSocket's own inflating (part 6).</summary>
    private static readonly ReceiverKind[] s_compressionOrder = [ReceiverKind.Raw, ReceiverKind.RawDeflate, ReceiverKind.Library, ReceiverKind.LibraryDeflate];

    public static Task<IReadOnlyDictionary<ReceiverKind, EndToEndResult>> RunAsync(int count, int rounds, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(s_order, count, rounds, output, cancellationToken);

    /// <summary>Raw and library, plain and with permessage-deflate, from the same sender process.</summary>
    public static Task<IReadOnlyDictionary<ReceiverKind, EndToEndResult>> RunCompressionAsync(int count, int rounds, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(s_compressionOrder, count, rounds, output, cancellationToken);

    private static async Task<IReadOnlyDictionary<ReceiverKind, EndToEndResult>> RunAsync(ReceiverKind[] order, int count, int rounds, TextWriter output, CancellationToken cancellationToken)
    {
        using var sender = await SenderProcess.StartAsync(count).ConfigureAwait(false);
        var warmUpCount = Math.Min(count, 20_000);
        var best = new Dictionary<ReceiverKind, EndToEndResult>();

        // JIT every receiver before anything is timed.
        foreach (var receiver in order)
        {
            await RunOneAsync(receiver, Endpoint(sender, receiver, warmUpCount), warmUpCount, cancellationToken).ConfigureAwait(false);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var receiver in order)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var run = await RunOneAsync(receiver, Endpoint(sender, receiver, count), count, cancellationToken).ConfigureAwait(false);
                if (run.Messages + run.Dropped < count)
                {
                    throw new InvalidOperationException($"{receiver} got {run.Messages} of {count} messages ({run.Dropped} dropped).");
                }

                output.WriteLine(Format(run));
                if (!best.TryGetValue(receiver, out var previous) || run.MessagesPerSecond > previous.MessagesPerSecond)
                {
                    best[receiver] = run;
                }
            }
        }

        return best;
    }

    /// <summary>Writes the best run of each receiver under a "best:" line.</summary>
    public static void WriteBest(IReadOnlyDictionary<ReceiverKind, EndToEndResult> best, TextWriter output)
    {
        output.WriteLine("best:");
        foreach (var run in best.Values)
        {
            output.WriteLine(Format(run));
        }
    }

    public static string Header =>
        $"{"Receiver",-16} {"Messages",10} {"Dropped",8} {"Elapsed",10} {"Msgs/s",12} {"Alloc B/msg",12} {"CPU us/msg",11}";

    public static string Format(EndToEndResult run) => string.Create(
        CultureInfo.InvariantCulture,
        $"{run.Receiver,-16} {run.Messages,10} {run.Dropped,8} {run.Elapsed.TotalMilliseconds,8:F0}ms {run.MessagesPerSecond,12:N0} {run.BytesPerMessage,12:F1} {run.CpuMicrosecondsPerMessage,11:F2}");

    /// <summary>The sender's address for <paramref name="count"/> frames, compressed for the deflate receivers.</summary>
    private static Uri Endpoint(SenderProcess sender, ReceiverKind receiver, int count) =>
        new(sender.Endpoint, count.ToString(CultureInfo.InvariantCulture) + (receiver is ReceiverKind.RawDeflate or ReceiverKind.LibraryDeflate ? "/deflate" : string.Empty));

    private static Task<EndToEndResult> RunOneAsync(ReceiverKind receiver, Uri endpoint, int count, CancellationToken cancellationToken) => receiver switch
    {
        ReceiverKind.Raw => RawLoopReceiver.RunAsync(endpoint, count, naive: false, cancellationToken),
        ReceiverKind.Naive => RawLoopReceiver.RunAsync(endpoint, count, naive: true, cancellationToken),
        ReceiverKind.WebsocketClient => WebsocketClientReceiver.RunAsync(endpoint, count, cancellationToken),
        ReceiverKind.Library => LibraryReceiver.RunAsync(endpoint, count, cancellationToken),
        ReceiverKind.RawDeflate => RawLoopReceiver.RunAsync(endpoint, count, naive: false, cancellationToken, deflate: true),
        ReceiverKind.LibraryDeflate => LibraryReceiver.RunAsync(endpoint, count, cancellationToken, deflate: true),
        _ => throw new ArgumentOutOfRangeException(nameof(receiver), receiver, "Unknown receiver."),
    };
}

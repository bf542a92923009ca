using System.Diagnostics;
using System.Globalization;
using Backpack.WebSockets.Benchmarks.EndToEnd;
using Backpack.WebSockets.Benchmarks.Frames;
using Backpack.WebSockets.Benchmarks.Latency;
using Backpack.WebSockets.Benchmarks.Memory;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// <c>--quick</c>: every part at the issue's sizes with short timing loops instead of BenchmarkDotNet, ending with the
/// <c>ratios:</c> line. <c>--smoke</c>: the same code paths with tiny counts, for CI; it checks that every path
/// delivers, not how fast.
/// </summary>
internal static class QuickMode
{
    public static async Task<int> RunAsync(bool smoke, TextWriter output, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        // Short rounds (well under a scheduler quantum) and many of them: on a shared machine the fastest round is the one
        // nothing interrupted.
        var rounds = smoke ? 1 : 200;
        var passes = smoke ? 1 : 3;
        var e2eCount = smoke ? 5_000 : 1_000_000;
        var e2eRounds = smoke ? 1 : 3;
        var stalledCount = smoke ? 50_000 : 10_000_000;

        output.WriteLine($"# {(smoke ? "smoke" : "quick")} mode: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        output.WriteLine();
        var parse = QuickParse.Run(smoke, rounds, passes, output);

        output.WriteLine();
        output.WriteLine(Invariant($"## 2. End to end on loopback ({e2eCount:N0} trade frames per run, sender in a child process; best of {e2eRounds})"));
        output.WriteLine(EndToEndRunner.Header);
        var e2e = await EndToEndRunner.RunAsync(e2eCount, e2eRounds, output, cancellationToken).ConfigureAwait(false);
        EndToEndRunner.WriteBest(e2e, output);

        output.WriteLine();
        output.WriteLine("## 3. Order book");
        var book = await QuickBook.MeasureAsync(smoke).ConfigureAwait(false);
        output.WriteLine(Invariant($"level updates per second: {book.LevelUpdatesPerSecond:N0} (1,000-level book, 10 levels per update)"));
        output.WriteLine(Invariant($"GetSnapshot(10): {book.SnapshotNanoseconds:F1} ns and {book.SnapshotBytes:F0} bytes per call; BestBid: {book.BestBidNanoseconds:F1} ns"));
        output.WriteLine(book.QuietText);

        output.WriteLine();
        output.WriteLine(Invariant($"## 4. Stalled consumer ({stalledCount:N0} trade frames through the client into a subscription nobody reads)"));
        GC.Collect();
        var stalled = await StalledConsumerRun.RunAsync(stalledCount, cancellationToken).ConfigureAwait(false);
        output.WriteLine(Invariant($"buffered {stalled.Buffered:N0} (capacity {stalled.Capacity:N0}), dropped {stalled.Dropped:N0}, {stalled.Elapsed.TotalSeconds:F1} s"));
        output.WriteLine(Invariant($"working set: {Mb(stalled.StartWorkingSet)} MB after the first 5%, peak {Mb(stalled.PeakWorkingSet)} MB, end {Mb(stalled.EndWorkingSet)} MB; peak GC heap {Mb(stalled.PeakHeap)} MB"));
        output.WriteLine(stalled.Bounded ? "bounded: yes" : "bounded: NO");

        output.WriteLine();
        var subscribe = await QuickSubscribe.MeasureAsync(smoke, cancellationToken).ConfigureAwait(false);
        output.WriteLine(Invariant($"## 5. Subscribing {subscribe.Streams} quiet streams on loopback (error window {QuickSubscribe.Window.TotalMilliseconds:F0} ms)"));
        output.WriteLine(Invariant($"batched: subscribe {subscribe.Subscribe.TotalMilliseconds:F0} ms, resubscribe after a drop {subscribe.Resubscribe.TotalMilliseconds:F0} ms; one stream per frame, one window each: {subscribe.OnePerFrame.TotalMilliseconds:F0} ms"));

        var goals = await QuickSubscribeGoals.MeasureAsync(smoke, cancellationToken).ConfigureAwait(false);
        output.WriteLine(Invariant($"default 1 s window: {goals.PublicStreams} public + 3 private quiet streams subscribed in {goals.Subscribe.TotalMilliseconds:F0} ms, resubscribed after a drop in {goals.Resubscribe.TotalMilliseconds:F0} ms"));
        foreach (var (name, run) in new[] { ("whole frame rejected", goals.WholeFrameRejected), ("only the bad member rejected", goals.MemberRejected) })
        {
            output.WriteLine(Invariant($"one invalid among {goals.PublicStreams} ({name}): others in {run.OthersIn.TotalMilliseconds:F0} ms, bad one rejected in {run.BadRejected.TotalMilliseconds:F0} ms, {run.Frames} SUBSCRIBE frames"));
        }

        output.WriteLine();
        output.WriteLine("## 6. Compression (permessage-deflate) through the fake exchange, server and client in this process");
        var compression = await QuickCompression.MeasureAsync(smoke, cancellationToken).ConfigureAwait(false);
        output.WriteLine("Frames     Deflate   Msgs/s   CPU us/msg   Wire B/msg   Text B/msg");
        foreach (var run in compression)
        {
            output.WriteLine(Invariant($"{run.Kind,-10} {(run.Negotiated ? "on" : "off"),-7} {run.MessagesPerSecond,8:F0} {run.CpuMicrosecondsPerMessage,12:F2} {run.WireBytesPerMessage,12:F1} {run.TextBytesPerMessage,12}"));
        }

        // The client alone: the sender (deflating with context takeover, as Backpack does) in a child process.
        var deflateCount = smoke ? 5_000 : 250_000;
        output.WriteLine(Invariant($"client alone: {deflateCount:N0} trade frames per run from a sender in a child process, plain and deflated; best of {e2eRounds}"));
        output.WriteLine(EndToEndRunner.Header);
        var deflate = await EndToEndRunner.RunCompressionAsync(deflateCount, e2eRounds, output, cancellationToken).ConfigureAwait(false);
        EndToEndRunner.WriteBest(deflate, output);

        // What the library adds on top of the socket's own receive (and inflate), per message, on each path.
        var plainOverhead = deflate[ReceiverKind.Library].CpuMicrosecondsPerMessage - deflate[ReceiverKind.Raw].CpuMicrosecondsPerMessage;
        var deflateOverhead = deflate[ReceiverKind.LibraryDeflate].CpuMicrosecondsPerMessage - deflate[ReceiverKind.RawDeflate].CpuMicrosecondsPerMessage;
        output.WriteLine(Invariant($"the library adds {plainOverhead:F2} us of CPU per message to the raw loop when plain, {deflateOverhead:F2} us when deflated"));

        output.WriteLine();
        var latencySeconds = smoke ? 0.1 : 2;
        var bursts = smoke ? 1 : 3;
        var burst = smoke ? 1_000 : 10_000;
        output.WriteLine(Invariant($"## 7. Latency from the sender's write to the consumer ({latencySeconds} s per rate, {LatencyRunner.TargetRounds} rounds at {LatencyRunner.TargetRate:N0}/s, {bursts} bursts of {burst:N0}; sender in a child process; CPU % of one core, this process)"));
        output.WriteLine(LatencyRunner.Header);
        var latency = await LatencyRunner.RunAsync(latencySeconds, burst, bursts, output, cancellationToken).ConfigureAwait(false);

        var tradeObjectBytes = ObjectSize.TradeBytes();
        var library2 = e2e[ReceiverKind.Library];
        var trade = parse[FrameKind.Trade];
        output.WriteLine();
        output.WriteLine(Invariant($"elapsed {total.Elapsed.TotalSeconds:F0} s"));
        var rawRatio = library2.MessagesPerSecond / e2e[ReceiverKind.Raw].MessagesPerSecond;
        var naiveRatio = library2.MessagesPerSecond / e2e[ReceiverKind.Naive].MessagesPerSecond;
        var clientRatio = library2.MessagesPerSecond / e2e[ReceiverKind.WebsocketClient].MessagesPerSecond;
        var bookText = Math.Round(book.LevelUpdatesPerSecond).ToString("F0", CultureInfo.InvariantCulture);
        output.WriteLine(Invariant($"ratios: parse_vs_floor={trade.Library / trade.Floor:F2} naive_vs_parse={trade.Naive / trade.Library:F2} e2e_vs_raw={rawRatio:F2} e2e_vs_naive={naiveRatio:F2} e2e_vs_wsclient={clientRatio:F2} trade_bytes_per_msg={Math.Round(library2.BytesPerMessage):F0} trade_object_bytes={tradeObjectBytes} book_updates_per_s={bookText} depth_parse_vs_floor={parse[FrameKind.Depth20].Library / parse[FrameKind.Depth20].Floor:F2} order_parse_vs_floor={parse[FrameKind.OrderFill].Library / parse[FrameKind.OrderFill].Floor:F2} book_publish_2000_vs_50={book.QuietRatio:F2} subscribe200_ms={subscribe.Subscribe.TotalMilliseconds:F0} resubscribe200_ms={subscribe.Resubscribe.TotalMilliseconds:F0} one_per_frame200_ms={subscribe.OnePerFrame.TotalMilliseconds:F0} {LatencyRatioFields(latency)} deflate_e2e_vs_raw={deflate[ReceiverKind.LibraryDeflate].MessagesPerSecond / deflate[ReceiverKind.RawDeflate].MessagesPerSecond:F2} deflate_overhead_vs_plain={deflateOverhead / plainOverhead:F2}"));

        return stalled.Bounded ? 0 : 1;
    }

    /// <summary>The latency runs' line for <c>--latency</c> alone.</summary>
    public static string LatencyRatios(IReadOnlyList<LatencyResult> results) => "ratios: " + LatencyRatioFields(results);

    /// <summary>
    /// The latency fields of the <c>ratios:</c> line, all at 10,000 msg/s: library (one consumer) over the baselines, each
    /// receiver's median over the <see cref="LatencyRunner.TargetRounds"/> rounds at that rate.
    /// </summary>
    private static string LatencyRatioFields(IReadOnlyList<LatencyResult> results)
    {
        // Each receiver's median over the rounds at the target rate (see LatencyRunner.TargetRounds).
        double P50(LatencyReceiver receiver) => LatencyRunner.Median(results, receiver, LatencyRunner.TargetRate, r => r.Microseconds(50));
        double P99(LatencyReceiver receiver) => LatencyRunner.Median(results, receiver, LatencyRunner.TargetRate, r => r.Microseconds(99));
        double Cpu(LatencyReceiver receiver) => LatencyRunner.Median(results, receiver, LatencyRunner.TargetRate, r => r.CpuPercent);
        var (raw, client, library, inline) = (LatencyReceiver.Raw, LatencyReceiver.WebsocketClient, LatencyReceiver.Library, LatencyReceiver.LibraryInline);
        return Invariant($"latency_p50_vs_raw={P50(library) / P50(raw):F2} latency_p99_vs_raw={P99(library) / P99(raw):F2} latency_p99_vs_wsclient={P99(library) / P99(client):F2} cpu_vs_wsclient_10k={Cpu(library) / Cpu(client):F2} cpu_inline_vs_wsclient_10k={Cpu(inline) / Cpu(client):F2} latency_p50_inline_vs_raw={P50(inline) / P50(raw):F2}");
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using Backpack.WebSockets.Benchmarks.EndToEnd;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>
/// The latency runs (<c>--latency</c>, and part 7 of the quick mode): for each schedule (1,000, 10,000 and 100,000 msg/s
/// for a fixed time, then bursts of 10,000 back to back), every receiver in turn reads the same stamped trade frames from
/// one sender process on 127.0.0.1 and records each message's latency from the sender's write to the consumer.
/// </summary>
internal static class LatencyRunner
{
    /// <summary>The rate the targets are set at (issue 14).</summary>
    public const int TargetRate = 10_000;

    /// <summary>
    /// How many rounds run at <see cref="TargetRate"/>, each receiver in turn per round: the ratios take each receiver's
    /// median, because one round's p99 (its 200 slowest of 20,000 messages) moves 10x between rounds on this machine.
    /// </summary>
    public const int TargetRounds = 3;

    private static readonly LatencyReceiver[] s_order = [LatencyReceiver.Raw, LatencyReceiver.WebsocketClient, LatencyReceiver.Library, LatencyReceiver.LibraryInline, LatencyReceiver.LibraryTen];

    public static string Header =>
        $"{"Schedule",-12} {"Receiver",-16} {"Messages",9} {"Dropped",8} {"p50 us",9} {"p90 us",9} {"p99 us",9} {"p99.9 us",9} {"max us",9} {"CPU %",7}";

    /// <summary>The schedules of a run: <paramref name="seconds"/> at each rate, then <paramref name="bursts"/> bursts.</summary>
    public static IReadOnlyList<LatencySchedule> Schedules(double seconds, int burst, int bursts, int streams) =>
    [
        .. new[] { 1_000, 10_000, 100_000 }.Select(rate => new LatencySchedule(rate, (int)(rate * seconds), streams, 0)),
        new LatencySchedule(0, burst * bursts, streams, burst),
    ];

    public static async Task<IReadOnlyList<LatencyResult>> RunAsync(double seconds, int burst, int bursts, TextWriter output, CancellationToken cancellationToken)
    {
        using var sender = await SenderProcess.StartAsync(["--serve-latency"]).ConfigureAwait(false);
        var results = new List<LatencyResult>();

        // JIT every receiver (and the sender) before anything is recorded.
        foreach (var receiver in s_order)
        {
            await RunOneAsync(sender.Endpoint, receiver, new LatencySchedule(0, 2_000, StreamsOf(receiver), 1_000), cancellationToken).ConfigureAwait(false);
        }

        // What this process burns with nothing to receive (runtime background threads), for scale against the rows.
        var idleStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var idleWall = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(seconds < 1 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        var idleCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - idleStart).TotalSeconds / idleWall.Elapsed.TotalSeconds * 100;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle (nothing received, after the warm-up): {idleCpu:F1} % CPU"));

        foreach (var shape in Schedules(seconds, burst, bursts, 1))
        {
            var rounds = shape.Rate == TargetRate ? TargetRounds : 1;
            foreach (var receiver in Enumerable.Range(0, rounds).SelectMany(_ => s_order))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var schedule = shape with { Streams = StreamsOf(receiver) };
                var run = await RunOneAsync(sender.Endpoint, receiver, schedule, cancellationToken).ConfigureAwait(false);
                if (run.Messages + run.Dropped < schedule.Count)
                {
                    throw new InvalidOperationException($"{receiver} got {run.Messages} of {schedule.Count} messages ({run.Dropped} dropped) at {schedule.Label}.");
                }

                output.WriteLine(Format(run));
                results.Add(run);
            }
        }

        return results;
    }

    public static string Format(LatencyResult run) => string.Create(
        CultureInfo.InvariantCulture,
        $"{run.Schedule.Label,-12} {run.Receiver,-16} {run.Messages,9} {run.Dropped,8} {run.Microseconds(50),9:F1} {run.Microseconds(90),9:F1} {run.Microseconds(99),9:F1} {run.Microseconds(99.9),9:F1} {run.MaxMicroseconds,9:F1} {run.CpuPercent,7:F1}");

    /// <summary>
    /// The median of <paramref name="figure"/> over the runs of <paramref name="receiver"/> at <paramref name="rate"/>
    /// messages per second (0: the bursts); the upper median of an even count.
    /// </summary>
    public static double Median(IReadOnlyList<LatencyResult> results, LatencyReceiver receiver, int rate, Func<LatencyResult, double> figure)
    {
        var values = results.Where(r => r.Receiver == receiver && r.Schedule.Rate == rate).Select(figure).Order().ToArray();
        return values.Length == 0
            ? throw new InvalidOperationException($"No {receiver} run at {rate} msg/s.")
            : values[values.Length / 2];
    }

    private static int StreamsOf(LatencyReceiver receiver) => receiver == LatencyReceiver.LibraryTen ? 10 : 1;

    private static Task<LatencyResult> RunOneAsync(Uri sender, LatencyReceiver receiver, LatencySchedule schedule, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(sender, schedule.Path);
        return receiver switch
        {
            LatencyReceiver.Raw => RawLatencyReceiver.RunAsync(endpoint, schedule, cancellationToken),
            LatencyReceiver.WebsocketClient => WebsocketClientLatencyReceiver.RunAsync(endpoint, schedule, cancellationToken),
            LatencyReceiver.Library or LatencyReceiver.LibraryTen => LibraryLatencyReceiver.RunAsync(endpoint, schedule, inline: false, cancellationToken),
            LatencyReceiver.LibraryInline => LibraryLatencyReceiver.RunAsync(endpoint, schedule, inline: true, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(receiver), receiver, "Unknown receiver."),
        };
    }
}

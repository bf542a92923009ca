using System.Diagnostics;
using HdrHistogram;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>Wall and process CPU time over one latency run, and the histograms its consumers record into.</summary>
internal sealed class LatencyMeter
{
    /// <summary>The largest latency a histogram tracks (larger ones are recorded as this): 60 s in nanoseconds.</summary>
    private const long HighestTrackable = 60_000_000_000;

    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly TimeSpan _startCpu = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>A histogram for one consumer (HdrHistogram's <see cref="LongHistogram"/> is not thread-safe).</summary>
    public static LongHistogram NewHistogram() => new(HighestTrackable, 3);

    /// <summary>Records the latency of a message sent at <paramref name="sentTimestamp"/>, as of now.</summary>
    public static void Record(LongHistogram histogram, long sentTimestamp) =>
        histogram.RecordValue(Math.Clamp(LatencyFrames.NanosecondsSince(sentTimestamp), 0, HighestTrackable));

    /// <summary>Ends the run: merges the consumers' histograms.</summary>
    public LatencyResult Stop(LatencyReceiver receiver, LatencySchedule schedule, IEnumerable<LongHistogram> histograms, long dropped)
    {
        var elapsed = Stopwatch.GetElapsedTime(_startTimestamp);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _startCpu;
        var total = NewHistogram();
        foreach (var histogram in histograms)
        {
            total.Add(histogram);
        }

        return new LatencyResult(receiver, schedule, total, dropped, elapsed, cpu);
    }
}

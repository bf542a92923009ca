using HdrHistogram;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>One receiver's run of one schedule.</summary>
/// <param name="Receiver">Which receiver.</param>
/// <param name="Schedule">What the sender sent.</param>
/// <param name="Histogram">Send-to-consumer latency of every delivered message, in nanoseconds.</param>
/// <param name="Dropped">Messages the library dropped because its consumer fell behind (0 for the baselines).</param>
/// <param name="Elapsed">From the request that starts the stream to the last message.</param>
/// <param name="CpuTime">This process's CPU time meanwhile (the sender runs in another process).</param>
internal sealed record LatencyResult(LatencyReceiver Receiver, LatencySchedule Schedule, LongHistogram Histogram, long Dropped, TimeSpan Elapsed, TimeSpan CpuTime)
{
    /// <summary>Messages delivered to the consumer.</summary>
    public long Messages => Histogram.TotalCount;

    /// <summary>This process's CPU over the run, in percent of one core.</summary>
    public double CpuPercent => 100 * CpuTime.TotalSeconds / Math.Max(1e-9, Elapsed.TotalSeconds);

    /// <summary>The latency at <paramref name="percentile"/> (0..100), in microseconds.</summary>
    public double Microseconds(double percentile) => Histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>The largest latency, in microseconds.</summary>
    public double MaxMicroseconds => Histogram.GetMaxValue() / 1000.0;
}

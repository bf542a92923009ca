using System.Diagnostics;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// A small stand-in for BenchmarkDotNet in quick mode. The calls being compared run in interleaved rounds (A, B, C, A, B,
/// C, …) so that they share whatever else the machine is doing, and each keeps its fastest round: work from other
/// processes only ever slows a round down.
/// </summary>
internal static class QuickTimer
{
    /// <summary>Nanoseconds per call of each of <paramref name="calls"/>, after one warm-up round each.</summary>
    public static double[] NanosecondsPerCall(IReadOnlyList<Action> calls, int iterations, int rounds)
    {
        var best = new double[calls.Count];
        Array.Fill(best, double.MaxValue);
        for (var round = -1; round < rounds; round++)
        {
            for (var c = 0; c < calls.Count; c++)
            {
                var call = calls[c];
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < iterations; i++)
                {
                    call();
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                if (round >= 0)
                {
                    best[c] = Math.Min(best[c], elapsed.TotalNanoseconds / iterations);
                }
            }
        }

        return best;
    }

    /// <summary>Bytes allocated per call on this thread.</summary>
    public static double BytesPerCall(Action call, int iterations)
    {
        call();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            call();
        }

        return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / iterations;
    }
}

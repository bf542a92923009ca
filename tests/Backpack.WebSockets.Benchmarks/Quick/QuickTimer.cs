using System.Diagnostics;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// A small stand-in for BenchmarkDotNet in quick mode. The calls being compared run in interleaved rounds (A, B, C, A, B,
/// C, …) so that they share whatever else the machine is doing, and each keeps its fastest round: work from other
/// processes only ever slows a round down.
/// </summary>
internal static class QuickTimer
{
    /// <summary>How long the calls run before timing starts, so that tiered JIT has installed optimized code.</summary>
    private static readonly TimeSpan s_warmUp = TimeSpan.FromMilliseconds(400);

    /// <summary>Nanoseconds per call of each of <paramref name="calls"/>, after a warm-up.</summary>
    public static double[] NanosecondsPerCall(IReadOnlyList<Action> calls, int iterations, int rounds)
    {
        // Tier-1 code is compiled in the background and only after calls stop hitting new tier-0 methods; on a busy
        // 2-core machine that can take longer than a few rounds, and timing tier-0 code gave bimodal results.
        var warmUpStarted = Stopwatch.GetTimestamp();
        while (rounds > 1 && Stopwatch.GetElapsedTime(warmUpStarted) < s_warmUp)
        {
            foreach (var call in calls)
            {
                for (var i = 0; i < iterations; i++)
                {
                    call();
                }
            }

            Thread.Sleep(1);
        }

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

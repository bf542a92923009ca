using System.Diagnostics;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// A small stand-in for BenchmarkDotNet in quick mode: nanoseconds per call, as the fastest of several rounds after a
/// warm-up round (work from other processes only ever slows a round down), and bytes allocated per call.
/// </summary>
internal static class QuickTimer
{
    public static double NanosecondsPerCall<T>(Func<T> call, int iterations, int rounds)
    {
        var best = double.MaxValue;
        for (var round = -1; round < rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < iterations; i++)
            {
                call();
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (round >= 0)
            {
                best = Math.Min(best, elapsed.TotalNanoseconds / iterations);
            }
        }

        return best;
    }

    public static double BytesPerCall<T>(Func<T> call, int iterations)
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

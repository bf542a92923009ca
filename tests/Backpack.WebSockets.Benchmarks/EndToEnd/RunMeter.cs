using System.Diagnostics;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>Wall time, process CPU time and bytes allocated by this process over one run.</summary>
internal readonly struct RunMeter
{
    private readonly long _startTimestamp;
    private readonly long _startBytes;
    private readonly TimeSpan _startCpu;

    private RunMeter(long startTimestamp, long startBytes, TimeSpan startCpu)
    {
        _startTimestamp = startTimestamp;
        _startBytes = startBytes;
        _startCpu = startCpu;
    }

    public static RunMeter Start()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        return new RunMeter(Stopwatch.GetTimestamp(), bytes, cpu);
    }

    public EndToEndResult Stop(ReceiverKind receiver, long messages, long dropped)
    {
        var elapsed = Stopwatch.GetElapsedTime(_startTimestamp);
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - _startBytes;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _startCpu;
        return new EndToEndResult(receiver, messages, dropped, elapsed, bytes, cpu);
    }
}

namespace Backpack.WebSockets.Benchmarks.Memory;

/// <summary>The outcome of <see cref="StalledConsumerRun"/>.</summary>
/// <param name="Messages">Frames the client received.</param>
/// <param name="Capacity">The subscription's buffer capacity.</param>
/// <param name="Buffered">Items left in the buffer at the end.</param>
/// <param name="Dropped">Items dropped (oldest first).</param>
/// <param name="Elapsed">Time to receive every frame.</param>
/// <param name="StartWorkingSet">Working set after the first sample interval, bytes.</param>
/// <param name="PeakWorkingSet">Largest working set sampled, bytes.</param>
/// <param name="EndWorkingSet">Working set at the end, bytes.</param>
/// <param name="PeakHeap">Largest GC heap sampled (after the first interval), bytes.</param>
public sealed record StalledConsumerResult(
    long Messages,
    int Capacity,
    int Buffered,
    long Dropped,
    TimeSpan Elapsed,
    long StartWorkingSet,
    long PeakWorkingSet,
    long EndWorkingSet,
    long PeakHeap)
{
    public bool Bounded => Buffered == Capacity && Dropped == Messages - Capacity;
}

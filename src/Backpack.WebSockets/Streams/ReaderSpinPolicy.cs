using System.Diagnostics;

namespace Backpack.WebSockets.Streams;

/// <summary>
/// Decides, each time a subscription's reader finds its buffer empty, whether to spin briefly for the next item or to park
/// at once. A spin pays only when the next item is microseconds away: on a busy stream (the reader found more than one item
/// since it last woke, or its last park was short). On a quiet one (an item now and then, the common case for most of an
/// app's streams) it always fails, and ten such consumers spinning cost a quarter more CPU at 10,000 msg/s than parking
/// at once (docs/benchmarks.md, round two). Reader-side only: one subscription has one reader.
/// </summary>
internal struct ReaderSpinPolicy
{
    /// <summary>A park shorter than this (wake-up latency included) means items arrive close enough for a spin to catch.</summary>
    internal static readonly long ShortParkTicks = Stopwatch.Frequency / 5_000; // 200 µs

    private int _readSinceWake;
    private bool _lastParkWasShort;

    /// <summary>Whether to spin before parking: the stream looks busy.</summary>
    public readonly bool ShouldSpin => _readSinceWake > 1 || _lastParkWasShort;

    /// <summary>The reader took an item.</summary>
    public void OnItem() => _readSinceWake++;

    /// <summary>The reader is about to park.</summary>
    public void OnParking() => _readSinceWake = 0;

    /// <summary>The reader woke after a park of <paramref name="parkedTicks"/> (<see cref="Stopwatch"/> ticks).</summary>
    public void OnWoke(long parkedTicks) => _lastParkWasShort = parkedTicks < ShortParkTicks;
}

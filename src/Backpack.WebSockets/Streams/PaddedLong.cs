using System.Runtime.InteropServices;

namespace Backpack.WebSockets.Streams;

/// <summary>
/// A <see cref="long"/> alone on its cache line (128 bytes: the line and the one the CPU prefetches beside it), so two
/// counters written by two threads, such as a buffer's head and tail, do not slow each other down (false sharing).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 2 * CacheLine)]
internal struct PaddedLong
{
    private const int CacheLine = 64;

    /// <summary>The value, mid-struct so neither neighbour shares its line.</summary>
    [FieldOffset(CacheLine)]
    public long Value;
}

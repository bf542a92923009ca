using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// Searches over sorted <see cref="long"/> keys without data-dependent branches: on a book updated anywhere, each branch
/// of a plain binary search is a coin toss the CPU mispredicts about half the time.
/// </summary>
internal static class KeySearch
{
    /// <summary>How many of the first <paramref name="count"/> keys of <paramref name="keys"/> (sorted) are less than <paramref name="key"/>.</summary>
    /// <param name="keys">A chunk's keys: <see cref="LevelChunk.Capacity"/> of them, the used ones first.</param>
    /// <param name="count">How many are used.</param>
    /// <param name="key">The key looked for.</param>
    public static int CountLess(long[] keys, int count, long key)
    {
        if (Vector256.IsHardwareAccelerated && keys.Length == 16)
        {
            // All four vectors of a 16-key chunk are compared; lanes past the used keys are masked off.
            var probe = Vector256.Create(key);
            var mask = Vector256.LessThan(Vector256.Create<long>(keys.AsSpan(0, 4)), probe).ExtractMostSignificantBits()
                | (Vector256.LessThan(Vector256.Create<long>(keys.AsSpan(4, 4)), probe).ExtractMostSignificantBits() << 4)
                | (Vector256.LessThan(Vector256.Create<long>(keys.AsSpan(8, 4)), probe).ExtractMostSignificantBits() << 8)
                | (Vector256.LessThan(Vector256.Create<long>(keys.AsSpan(12, 4)), probe).ExtractMostSignificantBits() << 12);
            return BitOperations.PopCount(mask & ((1u << count) - 1));
        }

        var less = 0;
        foreach (var at in keys.AsSpan(0, count))
        {
            less += at < key ? 1 : 0;
        }

        return less;
    }

    /// <summary>The first index in <paramref name="keys"/> (sorted) whose key is not less than <paramref name="key"/>.</summary>
    public static int LowerBound(ReadOnlySpan<long> keys, long key)
    {
        if (keys.IsEmpty)
        {
            return 0;
        }

        // Halve the range each step by moving its base or not: a conditional move, not a branch.
        var start = 0;
        var length = keys.Length;
        while (length > 1)
        {
            var half = length >>> 1;
            start += half & -Unsafe.BitCast<bool, byte>(keys[start + half] < key);
            length -= half;
        }

        return start + Unsafe.BitCast<bool, byte>(keys[start] < key);
    }
}

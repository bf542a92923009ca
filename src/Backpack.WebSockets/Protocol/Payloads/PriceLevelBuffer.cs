using System.Buffers;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>
/// Collects the depth levels of one <c>a</c> or <c>b</c> array in the thread's scratch buffer, then copies them once into
/// an array of the exact size. Both depth readers (<see cref="JsonFields.ReadPriceLevels"/> and
/// <see cref="CompactPayloadScanner"/>) use it, so a level array is built the same way whichever path read it.
/// </summary>
internal ref struct PriceLevelBuffer
{
    /// <summary>The per-thread buffer is kept up to this many levels; a larger one goes back to the pool.</summary>
    private const int MaxRetainedLevels = 4096;

    /// <summary>Scratch space for depth levels; parsing is synchronous, so one buffer per thread is never shared.</summary>
    [ThreadStatic]
    private static PriceLevel[]? t_levels;

    private PriceLevel[] _levels;
    private int _count;

    private PriceLevelBuffer(PriceLevel[] levels) => _levels = levels;

    /// <summary>Starts collecting into the thread's buffer.</summary>
    public static PriceLevelBuffer Start() => new(t_levels ??= new PriceLevel[64]);

    /// <summary>Appends one level, growing into a pooled array when the buffer is full.</summary>
    public void Add(PriceLevel level)
    {
        if (_count == _levels.Length)
        {
            Grow();
        }

        _levels[_count++] = level;
    }

    /// <summary>
    /// The levels collected, in an exactly sized array (the shared empty array for none), and the buffer handed back.
    /// A buffer abandoned without this call (a reader that failed midway) only loses a pooled array to the GC.
    /// </summary>
    public readonly PriceLevel[] ToArray()
    {
        PriceLevel[] result = _count == 0 ? [] : _levels.AsSpan(0, _count).ToArray();
        if (_levels.Length <= MaxRetainedLevels)
        {
            // Arrays rented from the pool need not go back; keeping the grown one saves growing again next time.
            t_levels = _levels;
        }
        else
        {
            ReturnIfRented(_levels);
        }

        return result;
    }

    private static void ReturnIfRented(PriceLevel[] levels)
    {
        if (!ReferenceEquals(levels, t_levels))
        {
            ArrayPool<PriceLevel>.Shared.Return(levels);
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<PriceLevel>.Shared.Rent(_levels.Length * 2);
        _levels.CopyTo(larger, 0);
        ReturnIfRented(_levels);
        _levels = larger;
    }
}

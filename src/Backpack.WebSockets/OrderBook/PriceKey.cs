namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// An order-preserving <see cref="long"/> key for a <see cref="decimal"/> price: the price times 10^scale, rounded toward
/// zero and clamped to ±<see cref="long.MaxValue"/>. The key never decreases as the price grows, and equal prices (in any
/// spelling: 100 and 100.00) get equal keys, so a smaller key means a smaller price and only equal keys need the
/// <see cref="decimal"/> comparison. The key is exact (it alone tells prices apart) when nothing was cut off.
/// </summary>
internal static class PriceKey
{
    /// <summary>The finest scale a <see cref="decimal"/> has.</summary>
    public const int MaxScale = 28;

    /// <summary>10^0 .. 10^28; 10^28 needs 94 bits.</summary>
    private static readonly UInt128[] s_powers = CreatePowers();

    /// <summary>The key of <paramref name="price"/> at <paramref name="scale"/> (0..28).</summary>
    /// <param name="price">Any decimal.</param>
    /// <param name="scale">The number of decimal places the key keeps.</param>
    /// <param name="exact">False when digits were cut off or the key was clamped: equal keys may then be different prices.</param>
    public static long Of(decimal price, int scale, out bool exact)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(price, bits);
        var low = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var high = (uint)bits[2];
        var priceScale = (bits[3] >> 16) & 0xFF;
        long magnitude;
        if (high == 0 && priceScale == scale && low <= long.MaxValue)
        {
            // The usual case: the price already has the book's scale.
            magnitude = (long)low;
            exact = true;
        }
        else
        {
            magnitude = Magnitude(new UInt128(high, low), priceScale, scale, out exact);
        }

        return bits[3] < 0 ? -magnitude : magnitude;
    }

    /// <summary>Whether <paramref name="price"/> has an exact key at <paramref name="scale"/>.</summary>
    public static bool IsExact(decimal price, int scale)
    {
        Of(price, scale, out var exact);
        return exact;
    }

    /// <summary>floor(mantissa / 10^priceScale * 10^scale), clamped to <see cref="long.MaxValue"/>; exact arithmetic.</summary>
    private static long Magnitude(UInt128 mantissa, int priceScale, int scale, out bool exact)
    {
        if (mantissa == UInt128.Zero)
        {
            exact = true;
            return 0;
        }

        UInt128 value;
        if (priceScale <= scale)
        {
            // Multiplying: clamp before it overflows (10^19 and more overflow any non-zero mantissa).
            var shift = scale - priceScale;
            if (shift > 18 || mantissa > (UInt128)(long.MaxValue / (long)s_powers[shift]))
            {
                exact = false;
                return long.MaxValue;
            }

            value = mantissa * s_powers[shift];
            exact = true;
        }
        else
        {
            var divisor = s_powers[priceScale - scale];
            value = mantissa / divisor;
            exact = value * divisor == mantissa;
        }

        if (value > long.MaxValue)
        {
            exact = false;
            return long.MaxValue;
        }

        return (long)value;
    }

    private static UInt128[] CreatePowers()
    {
        var powers = new UInt128[MaxScale + 1];
        powers[0] = UInt128.One;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}

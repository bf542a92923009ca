using System.Globalization;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>
/// The integer price key: never decreasing as the price grows, equal for equal prices in any spelling, exact only when it
/// is the price times 10^scale, clamped instead of overflowing.
/// </summary>
public class PriceKeyTests
{
    private static readonly decimal[] Corners =
    [
        0m, -0m, 0.00m, 1m, 1.0m, 1.00000000000000000000000000m, 100m, 100.00m, 99.99m, 100.01m, 0.0000000000000000000000000001m,
        0.00000001m, 0.000000015m, 18446744073709551615m, 18446744073709551616m, 9223372036854775807m, 9223372036854775808m,
        92233720368.54775807m, 92233720368.54775808m, decimal.MaxValue, decimal.MinValue, -1m, -99.99m, -100.00m,
        7922816251426433759354395033.5m, 1.2345678901234567890123456789m,
    ];

    public static TheoryData<int> Scales() => [0, 1, 2, 8, 18, 19, 28];

    [Theory]
    [MemberData(nameof(Scales))]
    public void Of_SortedPrices_KeysNeverDecrease_AndEqualPricesHaveEqualKeys(int scale)
    {
        var random = new Random(scale);
        var prices = Corners.Concat(Enumerable.Range(0, 3_000).Select(_ => RandomDecimal(random))).Order().ToArray();

        for (var i = 1; i < prices.Length; i++)
        {
            var previous = PriceKey.Of(prices[i - 1], scale, out _);
            var key = PriceKey.Of(prices[i], scale, out _);
            Assert.True(previous <= key, $"{prices[i - 1]} -> {previous}, {prices[i]} -> {key} at scale {scale}");
            if (prices[i - 1] == prices[i])
            {
                Assert.Equal(previous, key);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void Of_Exact_IsThePriceTimesTenToTheScale(int scale)
    {
        var random = new Random(100 + scale);
        foreach (var price in Corners.Concat(Enumerable.Range(0, 3_000).Select(_ => RandomDecimal(random))))
        {
            var key = PriceKey.Of(price, scale, out var exact);
            var expected = Scaled(price, scale);
            Assert.Equal(expected is { } value && value == key, exact);
        }
    }

    [Fact]
    public void Of_Clamps_InsteadOfOverflowing()
    {
        Assert.Equal(long.MaxValue, PriceKey.Of(decimal.MaxValue, 0, out var exact));
        Assert.False(exact);
        Assert.Equal(-long.MaxValue, PriceKey.Of(decimal.MinValue, 28, out exact));
        Assert.False(exact);
        Assert.Equal(long.MaxValue, PriceKey.Of(9223372036854775808m, 0, out exact));
        Assert.False(exact);
        Assert.Equal(long.MaxValue, PriceKey.Of(9223372036854775807m, 0, out exact));
        Assert.True(exact);
        Assert.Equal(1_000_000L, PriceKey.Of(100.00000000000000000000m, 4, out exact));
        Assert.True(exact);
        Assert.Equal(1L, PriceKey.Of(0.015m, 2, out exact));
        Assert.False(exact);
        Assert.Equal(-1L, PriceKey.Of(-0.015m, 2, out exact));
        Assert.False(exact);
    }

    /// <summary>price * 10^scale when it is an integer that fits in a long; exact decimal arithmetic where it can be done.</summary>
    private static long? Scaled(decimal price, int scale)
    {
        var digits = BigMantissa(price, out var priceScale);
        var shift = scale - priceScale;
        System.Numerics.BigInteger value;
        if (shift >= 0)
        {
            value = digits * System.Numerics.BigInteger.Pow(10, shift);
        }
        else
        {
            var divisor = System.Numerics.BigInteger.Pow(10, -shift);
            if (!(digits % divisor).IsZero)
            {
                return null;
            }

            value = digits / divisor;
        }

        return value >= long.MinValue + 1 && value <= long.MaxValue ? (long)value : null;
    }

    private static System.Numerics.BigInteger BigMantissa(decimal price, out int scale)
    {
        var bits = decimal.GetBits(price);
        scale = (bits[3] >> 16) & 0xFF;
        var magnitude = ((System.Numerics.BigInteger)(uint)bits[2] << 64) | ((System.Numerics.BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return bits[3] < 0 ? -magnitude : magnitude;
    }

    /// <summary>Up to 28 digits, any scale, either sign; trailing zeros kept, as a parser would.</summary>
    private static decimal RandomDecimal(Random random)
    {
        var digits = random.Next(1, 29);
        var text = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
        var point = random.Next(0, digits + 1);
        var spelled = point == digits ? text : $"{text[..point]}.{text[point..]}";
        if (spelled.StartsWith('.'))
        {
            spelled = "0" + spelled;
        }

        return decimal.Parse((random.Next(4) == 0 ? "-" : string.Empty) + spelled, CultureInfo.InvariantCulture);
    }
}

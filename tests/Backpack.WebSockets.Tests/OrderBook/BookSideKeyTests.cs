using System.Globalization;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>
/// The side's integer keys never change what the book shows: prices of mixed scales (finer ones arriving late, so the
/// side re-keys), prices whose key is cut off or clamped, equal prices in another spelling (one level, the first
/// spelling kept), zero in any spelling removing and a negative quantity kept, exactly as with decimal comparisons.
/// </summary>
public class BookSideKeyTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    [InlineData(false, 4)]
    public void Set_MixedScalesAndHugePrices_MatchesDecimalModel_AndPublicationsStayPut(bool isBid, int seed)
    {
        var random = new Random(seed);
        var side = new BookSide(isBid);
        var model = new SortedDictionary<decimal, PriceLevel>(isBid ? Comparer<decimal>.Create((a, b) => b.CompareTo(a)) : Comparer<decimal>.Default);
        var publications = new List<(LevelList List, string[] Expected)>();

        for (var step = 0; step < 6_000; step++)
        {
            var price = Price(random, step);
            var quantity = random.Next(6) switch
            {
                0 => 0m,
                1 => random.Next(3) switch { 0 => 0.000m, 1 => -0m, _ => 0.0m },
                2 => -random.Next(1, 100) / 10m,
                _ => random.Next(1, 1000) / 10m,
            };
            side.Set(price, quantity);
            if (quantity == 0m)
            {
                model.Remove(price);
            }
            else
            {
                // An existing level keeps the price as first sent.
                model[price] = new PriceLevel(model.TryGetValue(price, out var old) ? old.Price : price, quantity);
            }

            if (random.Next(8) == 0)
            {
                publications.Add((side.Publish(), Spell(model.Values)));
            }

            if (step is 2_000 or 4_000)
            {
                side.Clear();
                model.Clear();
            }
        }

        Assert.Equal(model.Count, side.Count);
        Assert.Equal(Spell(model.Values), Spell(side.Publish()));
        foreach (var (list, expected) in publications)
        {
            Assert.Equal(expected, Spell(list));
            Assert.Equal(expected, Spell(Enumerable.Range(0, list.Count).Select(i => list[i])));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Set_SamePriceInFinerScaleLater_OneLevelFirstSpellingKept(bool isBid)
    {
        var side = new BookSide(isBid);
        side.Set(100m, 1m);
        side.Set(99m, 1m);
        side.Set(101m, 1m);

        // A finer scale arrives: the side re-keys, and 100.00 still finds 100.
        side.Set(100.00m, 2m);
        side.Set(100.005m, 3m);
        side.Set(100.0m, 4m);

        var levels = side.Publish();
        Assert.Equal(4, side.Count);
        var hundred = Assert.Single(levels, level => level.Price == 100m);
        Assert.Equal("100", hundred.Price.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(4m, hundred.Quantity);

        side.Set(100.000000m, 0.00m);
        Assert.DoesNotContain(side.Publish(), level => level.Price == 100m);
        Assert.Equal(3, side.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Set_PricesWhoseKeysClampOrCollide_StillDistinctLevelsInOrder(bool isBid)
    {
        var side = new BookSide(isBid);
        decimal[] prices =
        [
            decimal.MaxValue, decimal.MaxValue - 1, 7922816251426433759354395033.5m, 9223372036854775808m, 9223372036854775807m,
            1.0000000000000000000000000001m, 1.0000000000000000000000000002m, 1m, 0.0000000000000000000000000001m, 0m,
            -0.0000000000000000000000000001m, decimal.MinValue,
        ];
        foreach (var price in prices.Reverse())
        {
            side.Set(price, 1m);
        }

        foreach (var price in prices)
        {
            side.Set(price, 2m);
        }

        var expected = isBid ? prices.OrderDescending() : prices.Order();
        Assert.Equal(expected.Select(price => new PriceLevel(price, 2m)), side.Publish());

        side.Set(1.0000000000000000000000000001m, 0m);
        side.Set(decimal.MaxValue - 1, 0m);
        Assert.Equal(prices.Length - 2, side.Count);
        Assert.DoesNotContain(side.Publish(), level => level.Price == decimal.MaxValue - 1 || level.Price == 1.0000000000000000000000000001m);
    }

    /// <summary>Mostly two-decimal prices near 100; sometimes finer, coarser, trailing-zero, huge or negative ones.</summary>
    private static decimal Price(Random random, int step)
    {
        var tick = random.Next(4) == 0 ? random.Next(0, 400) : random.Next(0, 30);
        return random.Next(40) switch
        {
            0 => 100m + (tick / 100000m), // finer: forces a re-key
            1 => 100m + tick, // coarser
            2 => decimal.Parse((100m + (tick / 100m)).ToString("F6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), // trailing zeros
            3 => step % 2 == 0 ? decimal.MaxValue - tick : 9223372036854775807m + tick, // keys clamp
            4 => 1m + (tick * 0.0000000000000000000000000001m), // keys collide at any usable scale
            5 => -tick / 100m,
            _ => 100m + (tick / 100m),
        };
    }

    /// <summary>Prices and quantities as spelled, so a lost scale shows up (decimal equality ignores scale).</summary>
    private static string[] Spell(IEnumerable<PriceLevel> levels) =>
        [.. levels.Select(level => string.Create(CultureInfo.InvariantCulture, $"{level.Price}@{level.Quantity}"))];
}

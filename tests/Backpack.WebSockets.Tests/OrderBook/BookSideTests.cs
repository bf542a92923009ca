using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>
/// The chunked, copy-on-write side: every publication stays exactly as it was published while the writer goes on
/// (splits, removals, quantity changes, clears), and the live side always matches a sorted-dictionary model.
/// </summary>
public class BookSideTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    [InlineData(false, 4)]
    public void Publish_ThenManyChanges_EveryPublicationUnchangedAndLiveSideMatchesModel(bool isBid, int seed)
    {
        var random = new Random(seed);
        var side = new BookSide(isBid);
        var model = new SortedDictionary<decimal, decimal>(isBid ? Comparer<decimal>.Create((a, b) => b.CompareTo(a)) : Comparer<decimal>.Default);
        var publications = new List<(LevelList List, PriceLevel[] Expected)>();

        for (var step = 0; step < 4_000; step++)
        {
            // Mostly near the top (as on the wire), sometimes anywhere in a 600-tick range, so chunks split and empty.
            var tick = random.Next(4) == 0 ? random.Next(0, 600) : random.Next(0, 40);
            var price = 100m + (tick / 100m);
            var quantity = random.Next(5) == 0 ? 0m : random.Next(1, 1000) / 10m;
            side.Set(price, quantity);
            if (quantity == 0m)
            {
                model.Remove(price);
            }
            else
            {
                model[price] = quantity;
            }

            if (random.Next(10) == 0)
            {
                var published = side.Publish();
                publications.Add((published, [.. model.Select(pair => new PriceLevel(pair.Key, pair.Value))]));
            }

            if (step == 2_000)
            {
                side.Clear();
                model.Clear();
            }
        }

        Assert.Equal(model.Count, side.Count);
        Assert.Equal(model.Select(pair => new PriceLevel(pair.Key, pair.Value)), side.Publish());
        Assert.NotEmpty(publications);
        foreach (var (list, expected) in publications)
        {
            Assert.Equal(expected.Length, list.Count);
            Assert.Equal(expected, list);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], list[i]);
            }

            var depth = Math.Min(expected.Length, 7);
            Assert.Equal(expected.Take(depth), list.Take(depth));
        }
    }

    [Fact]
    public void Publish_NothingChanged_SameList()
    {
        var side = new BookSide(isBid: false);
        side.Set(1m, 2m);

        var first = side.Publish();

        Assert.Same(first, side.Publish());
        side.Set(1m, 3m);
        Assert.NotSame(first, side.Publish());
        Assert.Equal(new PriceLevel(1m, 2m), first[0]);
    }

    [Fact]
    public void Set_ExistingLevelInAnotherScale_KeepsThePriceAsFirstSent()
    {
        var side = new BookSide(isBid: true);
        side.Set(18.70m, 1m);

        side.Set(18.7m, 2m);

        Assert.Equal("18.70", side.Publish()[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2m, side.Publish()[0].Quantity);
        Assert.Equal(1, side.Count);
    }

    [Fact]
    public void Indexer_OutOfRange_Throws()
    {
        var side = new BookSide(isBid: true);
        side.Set(1m, 1m);
        var list = side.Publish();

        Assert.Throws<ArgumentOutOfRangeException>(() => list[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => LevelList.Empty[0]);
    }
}

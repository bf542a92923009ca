using System.Text.Json;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Infrastructure;

/// <summary>A minimal order book built the way a client would (spec §8): a REST snapshot plus depth diffs. Test-only and independent of the library.</summary>
internal sealed class LocalBook
{
    public SortedDictionary<decimal, decimal> Bids { get; } = [];

    public SortedDictionary<decimal, decimal> Asks { get; } = [];

    public long LastUpdateId { get; private set; }

    /// <summary>Loads a <c>GET /api/v1/depth</c> response.</summary>
    public static LocalBook FromRest(string json)
    {
        var book = new LocalBook();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        book.LastUpdateId = long.Parse(root.GetProperty("lastUpdateId").GetString()!);
        book.SetLevels(book.Bids, root.GetProperty("bids"));
        book.SetLevels(book.Asks, root.GetProperty("asks"));
        return book;
    }

    /// <summary>Applies a depth payload; ignores one the book already covers and fails on a gap.</summary>
    /// <returns><see langword="true"/> if applied.</returns>
    public bool Apply(JsonElement data)
    {
        var first = data.GetProperty("U").GetInt64();
        var last = data.GetProperty("u").GetInt64();
        if (last <= LastUpdateId)
        {
            return false;
        }

        Assert.True(first <= LastUpdateId + 1, $"gap: book at {LastUpdateId}, event {first}..{last}");
        SetLevels(Bids, data.GetProperty("b"));
        SetLevels(Asks, data.GetProperty("a"));
        LastUpdateId = last;
        return true;
    }

    /// <summary>Asserts that this book equals <paramref name="expected"/> level by level.</summary>
    public void AssertEqual(BookSnapshot expected)
    {
        Assert.Equal(expected.LastUpdateId, LastUpdateId);
        Assert.Equal(expected.Bids.Select(l => (l.Price, l.Quantity)), Bids.Reverse().Select(l => (l.Key, l.Value)));
        Assert.Equal(expected.Asks.Select(l => (l.Price, l.Quantity)), Asks.Select(l => (l.Key, l.Value)));
    }

    private void SetLevels(SortedDictionary<decimal, decimal> side, JsonElement levels)
    {
        foreach (var (price, quantity) in Frames.Levels(levels))
        {
            if (quantity == 0)
            {
                side.Remove(price);
            }
            else
            {
                side[price] = quantity;
            }
        }
    }
}

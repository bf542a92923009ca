namespace Backpack.StreamViewer;

/// <summary>A small block-character line chart of prices: each column one time slice, eight levels per character cell.</summary>
internal static class PriceChart
{
    private const string Blocks = " ▁▂▃▄▅▆▇█";

    /// <summary>
    /// Draws <paramref name="columns"/> (a price or nothing per column, oldest first) <paramref name="height"/> rows high,
    /// the lowest price at the bottom of the lowest row and the highest at the top of the highest.
    /// </summary>
    /// <returns>The rows, top first, each <paramref name="columns"/>.Count characters wide.</returns>
    public static IReadOnlyList<string> Draw(IReadOnlyList<decimal?> columns, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var prices = columns.OfType<decimal>().ToList();
        var rows = new char[height][];
        for (var r = 0; r < height; r++)
        {
            rows[r] = new char[columns.Count];
            Array.Fill(rows[r], ' ');
        }

        if (prices.Count == 0)
        {
            return [.. rows.Select(row => new string(row))];
        }

        var min = prices.Min();
        var max = prices.Max();
        var levels = height * 8;
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c] is not { } price)
            {
                continue;
            }

            // Why the middle for a flat line: a market that does not move should not look like it sits at its low.
            var level = max == min ? levels / 2 : (int)Math.Round((price - min) / (max - min) * (levels - 1)) + 1;
            for (var r = 0; r < height; r++)
            {
                var floor = (height - 1 - r) * 8;
                rows[r][c] = Blocks[Math.Clamp(level - floor, 0, 8)];
            }
        }

        return [.. rows.Select(row => new string(row))];
    }
}

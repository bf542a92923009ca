namespace Backpack.StreamViewer.Tests.Dashboard;

public sealed class PriceChartTests
{
    [Fact]
    public void Draw_RisingPrices_FillsMoreOfEachColumnLeftToRight()
    {
        var rows = PriceChart.Draw([1m, 2m, 3m], height: 2);

        Assert.Equal(2, rows.Count);
        // 16 levels: 1 is the lowest (one eighth), 3 the highest (all), 2 just over half (one eighth into the top row).
        Assert.Equal(" ▁█", rows[0]);
        Assert.Equal("▁██", rows[1]);
    }

    [Fact]
    public void Draw_NoPriceYet_LeavesTheColumnBlank()
    {
        var rows = PriceChart.Draw([null, 5m, 5m], height: 1);

        Assert.Equal(' ', rows[0][0]);
        Assert.NotEqual(' ', rows[0][1]);
        Assert.Equal(rows[0][1], rows[0][2]);
    }

    [Fact]
    public void Draw_NoPricesAtAll_IsBlank()
    {
        var rows = PriceChart.Draw([null, null], height: 3);

        Assert.All(rows, row => Assert.Equal("  ", row));
    }
}

using System.Text;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class DepthUpdateParserTests
{
    [Fact]
    public void Parse_DocsFrame_EveryField()
    {
        var depth = DepthUpdateParser.Parse(DataOf(DepthDocsFrame));

        Assert.Equal("SOL_USDC", depth.Symbol);
        Assert.Equal(Us(1694687965941000), depth.EventTime);
        Assert.Equal(Us(1694687965940999), depth.EngineTime);
        Assert.Equal(94978271, depth.FirstUpdateId);
        Assert.Equal(94978271, depth.LastUpdateId);
        Assert.Equal([new PriceLevel(18.67m, 0.832m), new PriceLevel(18.68m, 0m)], depth.Bids);
        Assert.Equal([new PriceLevel(18.70m, 0m)], depth.Asks);
        Assert.Equal("18.70", Text(depth.Asks[0].Price));
        Assert.Equal("0.000", Text(depth.Asks[0].Quantity));
    }

    [Fact]
    public void Parse_LiveAggregatedFrame_EveryField()
    {
        var depth = DepthUpdateParser.Parse(DataOf(DepthAggregatedFrame));

        Assert.Equal("SOL_USDC", depth.Symbol);
        Assert.Equal(Us(1736257764052341), depth.EventTime);
        Assert.Equal(Us(1736257764022406), depth.EngineTime);
        Assert.Equal(1803724440, depth.FirstUpdateId);
        Assert.Equal(1803724442, depth.LastUpdateId);
        Assert.Equal([new PriceLevel(214.07m, 21.41m)], depth.Bids);
        Assert.Equal([new PriceLevel(214.50m, 0.13m)], depth.Asks);
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"0.00\"")]
    [InlineData("\"0.000\"")]
    [InlineData("\"0.00000\"")]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("\"0E-8\"")]
    public void Parse_ZeroQuantityInAnySpelling_IsZero(string zero)
    {
        var depth = DepthUpdateParser.Parse(WithField(DepthDocsFrame, "a", $"[[\"117357.0\",{zero}]]"));

        var level = Assert.Single(depth.Asks);
        Assert.Equal(117357.0m, level.Price);
        Assert.Equal(0m, level.Quantity);
    }

    [Fact]
    public void Parse_LevelsAsJsonNumbers_SameValues()
    {
        var depth = DepthUpdateParser.Parse(WithField(DepthDocsFrame, "b", "[[18.67,0.832],[18.68,\"0.000\"]]"));

        Assert.Equal([new PriceLevel(18.67m, 0.832m), new PriceLevel(18.68m, 0m)], depth.Bids);
    }

    [Fact]
    public void Parse_UpdateIdsAsStrings_SameValues()
    {
        var data = EditData(DepthAggregatedFrame, p => p.Select(kv => kv.Key is "U" or "u" ? new(kv.Key, $"\"{kv.Value}\"") : kv));

        var depth = DepthUpdateParser.Parse(data);

        Assert.Equal(1803724440, depth.FirstUpdateId);
        Assert.Equal(1803724442, depth.LastUpdateId);
    }

    [Fact]
    public void Parse_BothSidesEmpty_EmptyLists()
    {
        var data = EditData(DepthDocsFrame, p => p.Select(kv => kv.Key is "a" or "b" ? new(kv.Key, "[]") : kv));

        var depth = DepthUpdateParser.Parse(data);

        Assert.Empty(depth.Bids);
        Assert.Empty(depth.Asks);
        Assert.Equal(94978271, depth.LastUpdateId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void Parse_ManyLevels_ExactlySizedArrayInWireOrder(int count)
    {
        var levels = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            levels.Append(i == 0 ? "" : ",").Append($"[\"{100 + i}.5\",\"{i}.25\"]");
        }

        var depth = DepthUpdateParser.Parse(WithField(DepthDocsFrame, "b", levels.Append(']').ToString()));

        var array = Assert.IsType<PriceLevel[]>(depth.Bids);
        Assert.Equal(count, array.Length);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(new PriceLevel(100 + i + 0.5m, i + 0.25m), array[i]);
        }

        Assert.Equal([new PriceLevel(18.70m, 0m)], depth.Asks);
    }

    [Fact]
    public void Parse_LargeThenSmallFrame_SmallFrameUnaffectedByScratchBuffer()
    {
        var many = "[" + string.Join(",", Enumerable.Range(0, 300).Select(i => $"[\"{i}\",\"1\"]")) + "]";
        DepthUpdateParser.Parse(WithField(DepthDocsFrame, "b", many));

        var depth = DepthUpdateParser.Parse(DataOf(DepthAggregatedFrame));

        Assert.Equal([new PriceLevel(214.07m, 21.41m)], depth.Bids);
    }

    [Theory]
    [InlineData("[[\"1\"]]")]
    [InlineData("[[\"1\",\"2\",\"3\"]]")]
    [InlineData("[[]]")]
    [InlineData("[\"1\",\"2\"]")]
    [InlineData("[{\"p\":\"1\",\"q\":\"2\"}]")]
    [InlineData("{\"18.70\":\"0\"}")]
    [InlineData("[[\"x\",\"1\"]]")]
    [InlineData("[[\"1\",null]]")]
    [InlineData("[[\"1\",true]]")]
    [InlineData("\"[]\"")]
    public void Parse_MalformedLevels_ThrowsNamingSide(string asks)
    {
        AssertRejected(d => DepthUpdateParser.Parse(d), DepthDocsFrame, "a", asks);
    }
}

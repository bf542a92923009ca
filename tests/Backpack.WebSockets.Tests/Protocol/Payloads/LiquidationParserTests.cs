using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class LiquidationParserTests
{
    [Fact]
    public void Parse_DocsFrame_EveryField()
    {
        var expected = new Liquidation
        {
            Symbol = "SOL_USDC",
            EventTime = Us(1694688638091000),
            EngineTime = Us(567),
            Price = 18.70m,
            Quantity = 10m,
            Side = Side.Bid,
        };

        var liquidation = LiquidationParser.Parse(DataOf(LiquidationFrame));

        Assert.Equal(expected, liquidation);
        Assert.Equal("18.70", Text(liquidation.Price));
    }

    [Theory]
    [InlineData("\"Ask\"", Side.Ask)]
    [InlineData("\"Bid\"", Side.Bid)]
    [InlineData("\"ASK\"", Side.Ask)]
    [InlineData("\"bid\"", Side.Bid)]
    [InlineData("\"Long\"", Side.Unknown)]
    [InlineData("\"\"", Side.Unknown)]
    public void Parse_Side_MappedOrUnknown(string raw, Side expected)
    {
        Assert.Equal(expected, LiquidationParser.Parse(WithField(LiquidationFrame, "S", raw)).Side);
    }
}

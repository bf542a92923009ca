using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class TradeParserTests
{
    private static readonly Trade s_expected = new()
    {
        Symbol = "BTC_USDC_PERP",
        EventTime = Us(1790915531026313),
        EngineTime = Us(1790915531025000),
        Price = 86642.9m,
        Quantity = 0.07206m,
        TradeId = 99419870,
        BuyerOrderId = 66605329178,
        SellerOrderId = 66605319496,
        IsBuyerMaker = false,
    };

    [Fact]
    public void Parse_LiveFrame_EveryField()
    {
        var trade = TradeParser.Parse(DataOf(TradeFrame));

        Assert.Equal(s_expected, trade);
        Assert.Equal("0.07206", Text(trade.Quantity));
    }

    [Fact]
    public void Parse_StringsAsNumbersAndNumbersAsStrings_SameValues()
    {
        var data = Utf8("""{"E":"1790915531026313","T":"1790915531025000","a":66605319496,"b":66605329178,"e":"trade","m":false,"p":86642.9,"q":0.07206,"s":"BTC_USDC_PERP","t":"99419870"}""");

        Assert.Equal(s_expected, TradeParser.Parse(data));
    }

    [Fact]
    public void Parse_BuyerMaker_True()
    {
        Assert.True(TradeParser.Parse(WithField(TradeFrame, "m", "true")).IsBuyerMaker);
    }

    [Fact]
    public void Parse_WithoutEventType_Parses()
    {
        Assert.Equal(s_expected, TradeParser.Parse(WithField(TradeFrame, "e", null)));
    }

    [Fact]
    public void Parse_SymbolWithDot_KeptWhole()
    {
        var trade = TradeParser.Parse(WithField(TradeFrame, "s", "\"SPCX.US_USDC\""));

        Assert.Equal("SPCX.US_USDC", trade.Symbol);
    }

    [Fact]
    public void Parse_EscapedKeyAndValues_Unescaped()
    {
        var data = Utf8("""{"E":1790915531026313,"T":1790915531025000,"a":"66605319496","b":"66605329178","m":false,"\u0070":"86642\u002e9","q":"0.07206","s":"BTC\u005fUSDC_PERP","t":"9941987\u0030"}""");

        Assert.Equal(s_expected, TradeParser.Parse(data));
    }

    [Fact]
    public void Parse_KeysDifferOnlyByCase_NotConfused()
    {
        // "e" is the event type and must not be read as "E"; "t" must not be read as "T".
        var trade = TradeParser.Parse(WithField(TradeFrame, "e", "1"));

        Assert.Equal(Us(1790915531026313), trade.EventTime);
        Assert.Equal(Us(1790915531025000), trade.EngineTime);
        Assert.Equal(99419870, trade.TradeId);
    }

    [Theory]
    [InlineData("p", "\"\"")]
    [InlineData("p", "\"abc\"")]
    [InlineData("p", "\"1.2.3\"")]
    [InlineData("p", "\"1,5\"")]
    [InlineData("p", "\" 1.5\"")]
    [InlineData("p", "\"NaN\"")]
    [InlineData("p", "\"79228162514264337593543950336\"")]
    [InlineData("p", "true")]
    [InlineData("q", "[]")]
    [InlineData("t", "\"99419870.0\"")]
    [InlineData("t", "1.5")]
    [InlineData("t", "\"\"")]
    [InlineData("a", "\"66605319496x\"")]
    [InlineData("b", "false")]
    [InlineData("m", "\"false\"")]
    [InlineData("m", "0")]
    [InlineData("s", "42")]
    [InlineData("E", "1.7909155310263E15")]
    public void Parse_InvalidValue_ThrowsNamingField(string key, string raw)
    {
        AssertRejected(d => TradeParser.Parse(d), TradeFrame, key, raw);
    }
}

using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class TickerParserTests
{
    private static readonly Ticker s_expected = new()
    {
        Symbol = "SOL_USDC",
        EventTime = Us(1788367430549233),
        Open = 100.87m,
        Close = 98.98m,
        High = 101.19m,
        Low = 97.38m,
        BaseVolume = 15089.56m,
        QuoteVolume = 1498114.9234m,
        TradeCount = 6796,
    };

    [Fact]
    public void Parse_LiveFrame_EveryField()
    {
        Assert.Equal(s_expected, TickerParser.Parse(DataOf(TickerFrame)));
    }

    [Fact]
    public void Parse_TradeCountAsStringAndDecimalsAsNumbers_SameValues()
    {
        var data = Utf8("""{"E":1788367430549233,"V":1498114.9234,"c":98.98,"e":"ticker","h":101.19,"l":97.38,"n":"6796","o":100.87,"s":"SOL_USDC","v":15089.56}""");

        Assert.Equal(s_expected, TickerParser.Parse(data));
    }

    [Fact]
    public void Parse_BaseAndQuoteVolume_NotSwapped()
    {
        // "v" and "V" differ only by case.
        var ticker = TickerParser.Parse(DataOf(TickerFrame));

        Assert.Equal("15089.56", Text(ticker.BaseVolume));
        Assert.Equal("1498114.9234", Text(ticker.QuoteVolume));
    }
}

using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class ExternalTickerParserTests
{
    private static readonly ExternalTicker s_expected = new()
    {
        Symbol = "MU.US_USDC",
        EventTime = Us(1790915531026313),
        Open = 109.75m,
        Close = 112.48m,
        High = 114.90m,
        Low = 108.02m,
        BaseVolume = 38311.20m,
        QuoteVolume = 4312877.1250m,
        TradeCount = null,
    };

    [Fact]
    public void Parse_FrameFromTheKeyTable_EveryField()
    {
        var ticker = ExternalTickerParser.Parse(DataOf(ExternalTickerFrame), "MU.US_USDC");

        Assert.Equal(s_expected, ticker);
        Assert.Equal("114.90", Text(ticker.High));
        Assert.Equal("4312877.1250", Text(ticker.QuoteVolume));
    }

    [Fact]
    public void Parse_DecimalsAsNumbersAndTradeCount_SameValues()
    {
        // IDX-5 accepts numbers for the decimals; n is read if a provider ever sends it.
        var data = Utf8("""{"E":"1790915531026313","V":4312877.1250,"c":112.48,"e":"externalTicker","h":114.90,"l":108.02,"n":"17","o":109.75,"s":"MU.US_USDC","v":38311.20}""");

        Assert.Equal(s_expected with { TradeCount = 17 }, ExternalTickerParser.Parse(data, "MU.US_USDC"));
    }

    [Fact]
    public void Parse_NoSymbolInPayload_SymbolOfTheStreamName()
    {
        var data = WithField(ExternalTickerFrame, "s", null);

        Assert.Equal("MU.US_USDC", ExternalTickerParser.Parse(data, "MU.US_USDC").Symbol);
    }

    [Fact]
    public void Parse_EmptyObject_ItemWithNothingButTheSymbol()
    {
        Assert.Equal(new ExternalTicker { Symbol = "NVDA.US_USDC" }, ExternalTickerParser.Parse(Utf8("{}"), "NVDA.US_USDC"));
    }

    [Theory]
    [InlineData("o", "\"abc\"")]
    [InlineData("V", "true")]
    [InlineData("E", "\"soon\"")]
    [InlineData("n", "1.5")]
    public void Parse_ValueOfTheWrongType_ThrowsNamingField(string key, string raw)
    {
        AssertRejected(d => ExternalTickerParser.Parse(d, "MU.US_USDC"), ExternalTickerFrame, key, raw);
    }
}

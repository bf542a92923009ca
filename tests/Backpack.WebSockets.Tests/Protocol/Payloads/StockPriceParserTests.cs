using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class StockPriceParserTests
{
    private static readonly StockPrice s_expected = new()
    {
        Ticker = "NVDA",
        Symbol = "NVDA",
        Timestamp = Ms(1790915531026),
        Bid = 181.25m,
        Ask = 181.27m,
        Mid = 181.26m,
        Session = "regular",
    };

    [Fact]
    public void Parse_FrameFromTheKeyTable_EveryField()
    {
        var price = StockPriceParser.Parse(DataOf(StockPriceFrame), "NVDA");

        Assert.Equal(s_expected, price);
        Assert.Equal(TimeSpan.Zero, price.Timestamp.Offset);
    }

    [Fact]
    public void Parse_Timestamp_IsMillisecondsNotMicroseconds()
    {
        // The documented exception to the microsecond rule (spec §5): 1790915531026 ms is 2026-10-02, not 1970.
        var price = StockPriceParser.Parse(DataOf(StockPriceFrame), "NVDA");

        Assert.Equal(new DateTimeOffset(2026, 10, 2, 4, 32, 11, 26, TimeSpan.Zero), price.Timestamp);
    }

    [Fact]
    public void Parse_DecimalsAsNumbersTimestampAsString_SameValues()
    {
        var data = Utf8("""{"ask":181.27,"bid":181.25,"mid":181.26,"session":"regular","symbol":"NVDA","timestamp":"1790915531026"}""");

        Assert.Equal(s_expected, StockPriceParser.Parse(data, "NVDA"));
    }

    [Fact]
    public void Parse_SingleLetterKeysOfOtherStreams_Ignored()
    {
        // e, E, s and T are unknown for this stream (spec §13): they must not be mistaken for anything.
        var data = EditData(StockPriceFrame, p => p.Append(new("e", "\"stockPrice\"")).Append(new("E", "1790915531026313"))
            .Append(new("s", "\"NVDA.US\"")).Append(new("T", "1")).Append(new("b", "\"1\"")));

        Assert.Equal(s_expected, StockPriceParser.Parse(data, "NVDA"));
    }

    [Fact]
    public void Parse_TickerComesFromTheStreamName()
    {
        Assert.Equal("BRK.B", StockPriceParser.Parse(WithField(StockPriceFrame, "symbol", null), "BRK.B").Ticker);
    }

    [Theory]
    [InlineData("bid", "\"n/a\"")]
    [InlineData("mid", "[]")]
    [InlineData("session", "1")]
    [InlineData("timestamp", "\"2026-10-02T04:32:11\"")]
    public void Parse_ValueOfTheWrongType_ThrowsNamingField(string key, string raw)
    {
        AssertRejected(d => StockPriceParser.Parse(d, "NVDA"), StockPriceFrame, key, raw);
    }
}

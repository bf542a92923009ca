using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class BookTickerParserTests
{
    private static readonly BookTicker s_expected = new()
    {
        Symbol = "SOL_USDC",
        EventTime = Us(1788367430247487),
        EngineTime = Us(1788367430246081),
        BestBidPrice = 98.96m,
        BestBidQuantity = 288.77m,
        BestAskPrice = 98.97m,
        BestAskQuantity = 22.39m,
        UpdateId = 4330360995,
    };

    [Fact]
    public void Parse_LiveFrame_EveryField()
    {
        var ticker = BookTickerParser.Parse(DataOf(BookTickerFrame));

        Assert.Equal(s_expected, ticker);
        Assert.Equal(TimeSpan.Zero, ticker.EventTime.Offset);
        Assert.Equal(new DateTimeOffset(2026, 9, 2, 16, 43, 50, TimeSpan.Zero).AddTicks(2_474_870), ticker.EventTime);
    }

    [Fact]
    public void Parse_UpdateIdAsStringLikeDocs_SameUpdateId()
    {
        var ticker = BookTickerParser.Parse(WithField(BookTickerFrame, "u", "\"4330360995\""));

        Assert.Equal(s_expected, ticker);
    }

    [Fact]
    public void Parse_PricesAsJsonNumbers_SameValues()
    {
        var data = EditData(BookTickerFrame, p => p.Select(kv => kv.Key is "a" or "A" or "b" or "B" ? new(kv.Key, kv.Value.Trim('"')) : kv));

        Assert.Equal(s_expected, BookTickerParser.Parse(data));
    }

    [Fact]
    public void Parse_UpdateIdAsDecimalText_Throws()
    {
        AssertRejected(d => BookTickerParser.Parse(d), BookTickerFrame, "u", "\"4330360995.5\"");
    }
}

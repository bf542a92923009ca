using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class MarkPriceParserTests
{
    private static readonly MarkPrice s_expected = new()
    {
        Symbol = "BTC_USDC_PERP",
        EventTime = Us(1791043256641414),
        EngineTime = Us(1791043256640942),
        Price = 84827.2m,
        FundingRate = 0.0000125m,
        IndexPrice = 84856.2053036m,
        NextFundingTime = Ms(1791046800000),
    };

    [Fact]
    public void Parse_LiveFrame_EveryField()
    {
        var mark = MarkPriceParser.Parse(DataOf(MarkPriceFrame));

        Assert.Equal(s_expected, mark);
        Assert.Equal(new DateTimeOffset(2026, 10, 3, 17, 0, 0, TimeSpan.Zero), mark.NextFundingTime);
    }

    [Fact]
    public void Parse_NextFundingTime_IsMillisecondsWhileEventTimeIsMicroseconds()
    {
        var mark = MarkPriceParser.Parse(WithField(MarkPriceFrame, "n", "1791043256641"));

        // The same instant to the millisecond: one field in ms, the other in µs.
        Assert.Equal(mark.EventTime.ToUnixTimeMilliseconds(), mark.NextFundingTime!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Parse_PredictionMarketWithoutFundingFields_Nulls()
    {
        var data = EditData(MarkPriceFrame, p => p.Where(kv => kv.Key is not ("f" or "i" or "n")));

        Assert.Equal(s_expected with { FundingRate = null, IndexPrice = null, NextFundingTime = null }, MarkPriceParser.Parse(data));
    }

    [Fact]
    public void Parse_FundingFieldsNull_Nulls()
    {
        var data = EditData(MarkPriceFrame, p => p.Select(kv => kv.Key is "f" or "i" or "n" ? new(kv.Key, "null") : kv));

        Assert.Equal(s_expected with { FundingRate = null, IndexPrice = null, NextFundingTime = null }, MarkPriceParser.Parse(data));
    }

    [Fact]
    public void Parse_NegativeFundingRateAsString_Negative()
    {
        Assert.Equal(-0.0000125m, MarkPriceParser.Parse(WithField(MarkPriceFrame, "f", "\"-0.0000125\"")).FundingRate);
    }
}

using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class KlineParserTests
{
    private static readonly Kline s_expected = new()
    {
        Symbol = "ETH_USDC",
        Interval = KlineInterval.TwoHours,
        EventTime = Us(1754519557526056),
        StartTime = new DateTimeOffset(2025, 8, 6, 22, 0, 0, TimeSpan.Zero),
        EndTime = new DateTimeOffset(2025, 8, 7, 0, 0, 0, TimeSpan.Zero),
        Open = 3670.15m,
        High = 3681.37m,
        Low = 3667.65m,
        Close = 3680.52m,
        Volume = 62.2621m,
        TradeCount = 255,
        IsClosed = false,
    };

    [Fact]
    public void Parse_LiveFrameWithIntervalFromStreamName_EveryField()
    {
        var stream = StreamOf(KlineFrame);
        Assert.True(KlineIntervalNames.TryParse(stream.AsSpan("kline.".Length, 2), out var interval));

        var kline = KlineParser.Parse(DataOf(KlineFrame), interval);

        Assert.Equal(s_expected, kline);
        Assert.Equal("3680.520000000", Text(kline.Close));
        Assert.Equal("62.2621000", Text(kline.Volume));
        Assert.Equal(TimeSpan.Zero, kline.StartTime.Offset);
    }

    [Fact]
    public void Parse_IntervalArgument_CopiedToModel()
    {
        Assert.Equal(KlineInterval.OneMonth, KlineParser.Parse(DataOf(KlineFrame), KlineInterval.OneMonth).Interval);
    }

    [Fact]
    public void Parse_NullOhlcForCandleWithoutTrades_NullPrices()
    {
        var data = EditData(KlineFrame, p => p.Select(kv => kv.Key is "o" or "h" or "l" or "c" ? new(kv.Key, "null") : kv)
            .Select(kv => kv.Key == "v" ? new(kv.Key, "\"0\"") : kv)
            .Select(kv => kv.Key == "n" ? new(kv.Key, "0") : kv));

        var kline = KlineParser.Parse(data, KlineInterval.TwoHours);

        Assert.Equal(s_expected with { Open = null, High = null, Low = null, Close = null, Volume = 0m, TradeCount = 0 }, kline);
    }

    [Fact]
    public void Parse_OhlcAbsent_NullPrices()
    {
        var data = EditData(KlineFrame, p => p.Where(kv => kv.Key is not ("o" or "h" or "l" or "c")));

        var kline = KlineParser.Parse(data, KlineInterval.TwoHours);

        Assert.Null(kline.Open);
        Assert.Null(kline.High);
        Assert.Null(kline.Low);
        Assert.Null(kline.Close);
    }

    [Fact]
    public void Parse_ClosedCandle_IsClosed()
    {
        Assert.True(KlineParser.Parse(WithField(KlineFrame, "X", "true"), KlineInterval.TwoHours).IsClosed);
    }

    [Theory]
    [InlineData("2025-08-06 22:00:00")]
    [InlineData("2025-08-06T22:00:00Z")]
    [InlineData("2025-08-06 22:00:00Z")]
    [InlineData("2025-08-06T22:00:00.0")]
    [InlineData("2025-08-06T22:00:00.0000000")]
    public void Parse_StartTimeSpellings_SameUtcTime(string start)
    {
        var kline = KlineParser.Parse(WithField(KlineFrame, "t", $"\"{start}\""), KlineInterval.TwoHours);

        Assert.Equal(new DateTimeOffset(2025, 8, 6, 22, 0, 0, TimeSpan.Zero), kline.StartTime);
    }

    [Fact]
    public void Parse_FractionalSeconds_KeptToTheTick()
    {
        var kline = KlineParser.Parse(WithField(KlineFrame, "t", "\"2024-02-29T23:59:59.1234567\""), KlineInterval.OneSecond);

        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero).AddTicks(1_234_567), kline.StartTime);
    }

    [Theory]
    [InlineData("\"2025-08-06\"")]
    [InlineData("\"2025-08-06T22:00\"")]
    [InlineData("\"2025-13-06T22:00:00\"")]
    [InlineData("\"2025-02-29T22:00:00\"")]
    [InlineData("\"2025-08-06T24:00:00\"")]
    [InlineData("\"2025-08-06T22:60:00\"")]
    [InlineData("\"2025-08-06T22:00:60\"")]
    [InlineData("\"2025-08-06X22:00:00\"")]
    [InlineData("\"2025-08-06T22:00:00.\"")]
    [InlineData("\"2025-08-06T22:00:00.12345678\"")]
    [InlineData("\"2025-08-06T22:00:00+02:00\"")]
    [InlineData("\"0000-01-01T00:00:00\"")]
    [InlineData("\"２０２５-08-06T22:00:00\"")]
    [InlineData("1754517600")]
    [InlineData("1754517600000000")]
    [InlineData("null")]
    public void Parse_InvalidStartTime_ThrowsNamingField(string raw)
    {
        AssertRejected(d => KlineParser.Parse(d, KlineInterval.TwoHours), KlineFrame, "t", raw);
    }
}

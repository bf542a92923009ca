using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;

namespace Backpack.WebSockets.Tests.Protocol;

public class KlineIntervalNamesTests
{
    public static TheoryData<KlineInterval, string> Names => new()
    {
        { KlineInterval.OneSecond, "1s" },
        { KlineInterval.OneMinute, "1m" },
        { KlineInterval.ThreeMinutes, "3m" },
        { KlineInterval.FiveMinutes, "5m" },
        { KlineInterval.FifteenMinutes, "15m" },
        { KlineInterval.ThirtyMinutes, "30m" },
        { KlineInterval.OneHour, "1h" },
        { KlineInterval.TwoHours, "2h" },
        { KlineInterval.FourHours, "4h" },
        { KlineInterval.SixHours, "6h" },
        { KlineInterval.EightHours, "8h" },
        { KlineInterval.TwelveHours, "12h" },
        { KlineInterval.OneDay, "1d" },
        { KlineInterval.ThreeDays, "3d" },
        { KlineInterval.OneWeek, "1w" },
        { KlineInterval.OneMonth, "1month" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void ToWireName_EachInterval_DocumentedName(KlineInterval interval, string name)
    {
        Assert.Equal(name, KlineIntervalNames.ToWireName(interval));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TryParse_EachDocumentedName_Interval(KlineInterval interval, string name)
    {
        Assert.True(KlineIntervalNames.TryParse(name, out var parsed));
        Assert.Equal(interval, parsed);
    }

    [Fact]
    public void Names_CoverEveryDefinedIntervalExceptUnknown()
    {
        var covered = Names.Select(row => (KlineInterval)row[0]).ToHashSet();

        Assert.Equal(Enum.GetValues<KlineInterval>().Where(i => i != KlineInterval.Unknown).ToHashSet(), covered);
    }

    [Theory]
    [InlineData(KlineInterval.Unknown)]
    [InlineData((KlineInterval)999)]
    [InlineData((KlineInterval)(-1))]
    public void ToWireName_UnknownOrUndefined_ThrowsArgumentOutOfRange(KlineInterval interval)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KlineIntervalNames.ToWireName(interval));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1M")]
    [InlineData("1H")]
    [InlineData("2m ")]
    [InlineData("1mo")]
    [InlineData("1months")]
    [InlineData("Unknown")]
    [InlineData("0")]
    public void TryParse_UnknownName_FalseAndUnknown(string name)
    {
        Assert.False(KlineIntervalNames.TryParse(name, out var parsed));
        Assert.Equal(KlineInterval.Unknown, parsed);
    }
}

using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class BalanceUpdateParserTests
{
    private static readonly BalanceUpdate s_expected = new()
    {
        Asset = "USDT",
        EventTime = Us(1788368290063168),
        EngineTime = Us(1788368290062981),
        Available = 10m,
        Locked = 20m,
        Staked = 0m,
    };

    [Fact]
    public void Parse_LiveFrame_EveryField()
    {
        Assert.Equal(s_expected, BalanceUpdateParser.Parse(DataOf(BalanceFrame)));
    }

    [Fact]
    public void Parse_AmountsAsNumbers_SameValues()
    {
        var data = Utf8("""{"A":10,"E":1788368290063168,"L":20.0,"S":0,"T":1788368290062981,"a":"USDT","e":"balanceUpdate"}""");

        Assert.Equal(s_expected, BalanceUpdateParser.Parse(data));
    }

    [Fact]
    public void Parse_AvailableLockedStaked_NotConfusedWithAsset()
    {
        // "a" is the asset and "A" the available amount; "S" is staked, not a side or symbol.
        var update = BalanceUpdateParser.Parse(Utf8("""{"A":"1.5","E":1,"L":"2.5","S":"3.5","T":2,"a":"SOL"}"""));

        Assert.Equal(new BalanceUpdate { Asset = "SOL", EventTime = Us(1), EngineTime = Us(2), Available = 1.5m, Locked = 2.5m, Staked = 3.5m }, update);
    }

    [Fact]
    public void Parse_SameAssetTwice_SameStringInstance()
    {
        var first = BalanceUpdateParser.Parse(DataOf(BalanceFrame));
        var second = BalanceUpdateParser.Parse(DataOf(BalanceFrame));

        Assert.Same(first.Asset, second.Asset);
    }
}

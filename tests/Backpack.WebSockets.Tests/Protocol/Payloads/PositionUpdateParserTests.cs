using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class PositionUpdateParserTests
{
    private static readonly PositionUpdate s_live = new()
    {
        EventType = PositionEventType.PositionOpened,
        Symbol = "ETH_USDC_PERP",
        EventTime = Us(1754943862040486),
        EngineTime = Us(1754943862040487),
        PositionId = 5411399049,
        BreakEvenPrice = 4238.479m,
        EntryPrice = 4236.36m,
        InitialMarginFraction = 0.02m,
        MarkPrice = 4235.88650933m,
        MaintenanceMarginFraction = 0.0125m,
        NetQuantity = 0.0010m,
        NetExposureQuantity = 0.0010m,
        NetExposureNotional = 4.23588650933m,
        RealizedPnl = 0m,
        UnrealizedPnl = -0.000473m,
    };

    private static readonly PositionUpdate s_docs = new()
    {
        EventType = PositionEventType.PositionOpened,
        Symbol = "SOL_USDC_PERP",
        EventTime = Us(1694687692980000),
        EngineTime = Us(1694687692989999),
        PositionId = 1111343026172067,
        BreakEvenPrice = 123m,
        EntryPrice = 122m,
        InitialMarginFraction = 0.5m,
        MarkPrice = 122m,
        MaintenanceMarginFraction = 0.01m,
        NetQuantity = 5m,
        NetExposureQuantity = 6m,
        NetExposureNotional = 732m,
        RealizedPnl = -1m,
        UnrealizedPnl = 0m,
    };

    [Fact]
    public void Parse_LiveFrameWithStringDecimalsAndNumericId_EveryField()
    {
        Assert.Equal(s_live, PositionUpdateParser.Parse(DataOf(PositionLiveFrame)));
    }

    [Fact]
    public void Parse_DocsFrameWithNumericDecimalsAndStringId_EveryField()
    {
        Assert.Equal(s_docs, PositionUpdateParser.Parse(DataOf(PositionDocsFrame)));
    }

    [Fact]
    public void Parse_InitialSnapshotWithoutEventType_Snapshot()
    {
        var update = PositionUpdateParser.Parse(WithField(PositionLiveFrame, "e", null));

        Assert.Equal(s_live with { EventType = PositionEventType.Snapshot }, update);
    }

    [Theory]
    [InlineData("positionOpened", PositionEventType.PositionOpened)]
    [InlineData("positionAdjusted", PositionEventType.PositionAdjusted)]
    [InlineData("positionClosed", PositionEventType.PositionClosed)]
    [InlineData("positionLiquidated", PositionEventType.Unknown)]
    public void Parse_EventType_Mapped(string wire, PositionEventType expected)
    {
        Assert.Equal(expected, PositionUpdateParser.Parse(WithField(PositionLiveFrame, "e", $"\"{wire}\"")).EventType);
    }

    [Fact]
    public void Parse_ShortPosition_NegativeQuantity()
    {
        Assert.Equal(-5.5m, PositionUpdateParser.Parse(WithField(PositionLiveFrame, "q", "\"-5.5\"")).NetQuantity);
    }

    [Fact]
    public void Parse_DeprecatedPlaceholderAbsent_StillParses()
    {
        Assert.Equal(s_live, PositionUpdateParser.Parse(WithField(PositionLiveFrame, "l", null)));
    }

    [Fact]
    public void Parse_PnlFieldsDifferOnlyByCase_NotSwapped()
    {
        var update = PositionUpdateParser.Parse(DataOf(PositionLiveFrame));

        Assert.Equal("0", Text(update.RealizedPnl));
        Assert.Equal("-0.000473", Text(update.UnrealizedPnl));
    }
}

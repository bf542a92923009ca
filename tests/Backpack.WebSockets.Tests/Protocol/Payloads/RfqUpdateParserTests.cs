using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class RfqUpdateParserTests
{
    private static readonly RfqUpdate s_active = new()
    {
        EventType = RfqEventType.RfqActive,
        Symbol = "SOL_USDC_RFQ",
        EventTime = Us(1730225420369829),
        EngineTime = Us(1730225420368765),
        RfqId = 113392053149171712,
        Quantity = 10m,
        SubmissionDeadline = Ms(1730225480368),
        Expiry = Ms(1730225540368),
        Status = RfqStatus.New,
    };

    [Fact]
    public void Parse_DocsFrame_EveryField()
    {
        var update = RfqUpdateParser.Parse(DataOf(RfqFrame));

        Assert.Equal(s_active, update);
        Assert.Equal(new DateTimeOffset(2024, 10, 29, 18, 11, 20, 368, TimeSpan.Zero), update.SubmissionDeadline);
        Assert.Equal(new DateTimeOffset(2024, 10, 29, 18, 12, 20, 368, TimeSpan.Zero), update.Expiry);
    }

    [Theory]
    [InlineData("113392053149171712", 113392053149171712)]
    [InlineData("\"113392053149171712\"", 113392053149171712)]
    [InlineData("113392053149171713", 113392053149171713)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("\"9223372036854775807\"", long.MaxValue)]
    public void Parse_RfqIdBeyondDoublePrecision_Exact(string raw, long expected)
    {
        // 113392053149171712 and ...713 are the same double; both must survive exactly.
        Assert.Equal(expected, RfqUpdateParser.Parse(WithField(RfqFrame, "R", raw)).RfqId);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("1.1339205314917171E17")]
    [InlineData("\"-\"")]
    [InlineData("\"\"")]
    public void Parse_RfqIdNotAnInt64_Throws(string raw)
    {
        AssertRejected(d => RfqUpdateParser.Parse(d), RfqFrame, "R", raw);
    }

    [Fact]
    public void Parse_CandidateWithQuoteFields_EveryField()
    {
        var data = Utf8("""{"e":"rfqCandidate","E":1730225420369829,"R":"113392053149171712","u":113392053149171999,"C":"123","s":"SOL_USDC_RFQ","S":"Ask","Q":"1500.50","p":"150.05","X":"New","T":1730225420368765,"o":"CollateralConversion"}""");

        var update = RfqUpdateParser.Parse(data);

        Assert.Equal(
            s_active with
            {
                EventType = RfqEventType.RfqCandidate,
                QuoteId = 113392053149171999,
                ClientId = "123",
                Side = Side.Ask,
                Quantity = null,
                QuoteQuantity = 1500.50m,
                Price = 150.05m,
                SubmissionDeadline = null,
                Expiry = null,
                SystemOrderType = "CollateralConversion",
            },
            update);
    }

    [Theory]
    [InlineData("\"123\"", "123")]
    [InlineData("123", "123")]
    [InlineData("4294967295", "4294967295")]
    [InlineData("null", null)]
    public void Parse_ClientIdStringOrNumber_Text(string raw, string? expected)
    {
        Assert.Equal(expected, RfqUpdateParser.Parse(WithField(RfqFrame, "C", raw)).ClientId);
    }

    [Theory]
    [InlineData("rfqActive", RfqEventType.RfqActive)]
    [InlineData("rfqAccepted", RfqEventType.RfqAccepted)]
    [InlineData("rfqRefreshed", RfqEventType.RfqRefreshed)]
    [InlineData("rfqCancelled", RfqEventType.RfqCancelled)]
    [InlineData("rfqCandidate", RfqEventType.RfqCandidate)]
    [InlineData("rfqFilled", RfqEventType.RfqFilled)]
    [InlineData("quoteAccepted", RfqEventType.QuoteAccepted)]
    [InlineData("quoteCancelled", RfqEventType.QuoteCancelled)]
    [InlineData("rfqAcceptedBinding", RfqEventType.RfqAcceptedBinding)]
    [InlineData("rfqSettled", RfqEventType.Unknown)]
    public void Parse_EventType_Mapped(string wire, RfqEventType expected)
    {
        Assert.Equal(expected, RfqUpdateParser.Parse(WithField(RfqFrame, "e", $"\"{wire}\"")).EventType);
    }

    [Theory]
    [InlineData("\"New\"", RfqStatus.New)]
    [InlineData("\"Cancelled\"", RfqStatus.Cancelled)]
    [InlineData("\"Filled\"", RfqStatus.Filled)]
    [InlineData("\"PartiallyFilled\"", RfqStatus.Unknown)]
    [InlineData("null", null)]
    public void Parse_Status_MappedOrNull(string raw, RfqStatus? expected)
    {
        Assert.Equal(expected, RfqUpdateParser.Parse(WithField(RfqFrame, "X", raw)).Status);
    }

    [Fact]
    public void Parse_DeadlinesAreMillisecondsNotMicroseconds()
    {
        var update = RfqUpdateParser.Parse(DataOf(RfqFrame));

        // w is one minute after E, W two minutes after: only true if w/W are read as ms and E as µs.
        Assert.Equal(TimeSpan.FromTicks(599_981_710), update.SubmissionDeadline - update.EventTime);
        Assert.Equal(TimeSpan.FromTicks(1_199_981_710), update.Expiry - update.EventTime);
    }
}

using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class OpenInterestParserTests
{
    [Fact]
    public void Parse_DocsFrame_EveryField()
    {
        var expected = new OpenInterest { Symbol = "SOL_USDC_PERP", EventTime = Us(1694687965941000), Quantity = 100m };

        Assert.Equal(expected, OpenInterestParser.Parse(DataOf(OpenInterestFrame)));
    }

    [Fact]
    public void Parse_OpenInterestAsNumber_SameValue()
    {
        Assert.Equal(100.5m, OpenInterestParser.Parse(WithField(OpenInterestFrame, "o", "100.5")).Quantity);
    }
}

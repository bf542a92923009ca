using System.Text;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Tests.OrderBook;

public sealed class DepthSnapshotParserTests
{
    [Fact]
    public void Parse_SpecExample_ReadsStringIdAndBothSidesAscending()
    {
        // Spec §8.1, NAUT btc_depth_limit5.json trimmed.
        var body = """{"asks":[["86781.5","5.54115"],["86783.3","1.22656"]],"bids":[["86779.8","0.00115"],["86781.4","2.20229"]],"lastUpdateId":"6904864764","timestamp":1790915412979224}""";

        var snapshot = DepthSnapshotParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(6904864764, snapshot.LastUpdateId);
        Assert.Equal([new(86779.8m, 0.00115m), new(86781.4m, 2.20229m)], snapshot.Bids);
        Assert.Equal([new(86781.5m, 5.54115m), new(86783.3m, 1.22656m)], snapshot.Asks);
    }

    [Fact]
    public void Parse_NumericIdAndNumbers_AreAccepted()
    {
        var snapshot = DepthSnapshotParser.Parse("""{"lastUpdateId":42,"bids":[[99.5,2]],"asks":[],"extra":{"a":[1,2]}}"""u8);

        Assert.Equal(42, snapshot.LastUpdateId);
        Assert.Equal([new(99.5m, 2m)], snapshot.Bids);
        Assert.Empty(snapshot.Asks);
    }

    [Theory]
    [InlineData("""{"bids":[],"asks":[]}""", "lastUpdateId")]
    [InlineData("""{"lastUpdateId":"1","asks":[]}""", "bids")]
    [InlineData("""{"lastUpdateId":"x","bids":[],"asks":[]}""", "lastUpdateId")]
    public void Parse_MissingOrBadField_Throws(string body, string field)
    {
        var error = Assert.Throws<PayloadFormatException>(() => DepthSnapshotParser.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}

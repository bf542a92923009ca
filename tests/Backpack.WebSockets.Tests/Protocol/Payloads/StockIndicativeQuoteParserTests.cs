using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class StockIndicativeQuoteParserTests
{
    private static readonly StockIndicativeQuote s_expected = new()
    {
        Ticker = "NVDA",
        EstimatedBid = 181.0900m,
        EstimatedAsk = 181.4100m,
        Session = "regular",
    };

    [Fact]
    public void Parse_FrameWithTheConfirmedKeys_EveryField()
    {
        var quote = StockIndicativeQuoteParser.Parse(DataOf(StockIndicativeQuoteFrame), "NVDA");

        Assert.Equal(s_expected, quote);
        Assert.Equal("181.0900", Text(quote.EstimatedBid));
    }

    [Fact]
    public void Parse_BidIsWhatASellerGets_NotSwappedWithAsk()
    {
        var quote = StockIndicativeQuoteParser.Parse(Utf8("""{"estimatedBid":"1","estimatedAsk":"2"}"""), "NVDA");

        Assert.Equal(1m, quote.EstimatedBid);
        Assert.Equal(2m, quote.EstimatedAsk);
    }

    [Fact]
    public void Parse_UnconfirmedKeysOfTheRestTwin_Ignored()
    {
        // The REST reply's keys (spec §6.11) may ride along; only the confirmed ones are read.
        var data = EditData(StockIndicativeQuoteFrame, p => p.Append(new("available", "true")).Append(new("reason", "null"))
            .Append(new("price", "\"182\"")).Append(new("publishedAt", "1790915531026"))
            .Append(new("quantityFilter", "{\"minQuantity\":\"1\",\"maxQuantity\":null,\"stepSize\":\"1\"}")));

        Assert.Equal(s_expected, StockIndicativeQuoteParser.Parse(data, "NVDA"));
    }

    [Fact]
    public void Parse_MarketClosed_NullSessionAndPrices()
    {
        var data = Utf8("""{"estimatedAsk":null,"estimatedBid":null,"session":null}""");

        Assert.Equal(new StockIndicativeQuote { Ticker = "NVDA" }, StockIndicativeQuoteParser.Parse(data, "NVDA"));
    }

    [Theory]
    [InlineData("estimatedBid", "\"n/a\"")]
    [InlineData("estimatedAsk", "{}")]
    [InlineData("session", "false")]
    public void Parse_ValueOfTheWrongType_ThrowsNamingField(string key, string raw)
    {
        AssertRejected(d => StockIndicativeQuoteParser.Parse(d, "NVDA"), StockIndicativeQuoteFrame, key, raw);
    }
}

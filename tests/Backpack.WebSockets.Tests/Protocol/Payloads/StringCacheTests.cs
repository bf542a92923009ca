using System.Text;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

public class StringCacheTests
{
    [Fact]
    public void Parse_SameSymbolFromTwoBuffers_SameStringInstance()
    {
        var first = TradeParser.Parse(DataOf(TradeFrame));
        var second = TradeParser.Parse(DataOf(TradeFrame));

        Assert.Same(first.Symbol, second.Symbol);
    }

    [Fact]
    public void Parse_SameSymbolAcrossStreams_SameStringInstance()
    {
        var depth = DepthUpdateParser.Parse(DataOf(DepthDocsFrame));
        var bookTicker = BookTickerParser.Parse(DataOf(BookTickerFrame));

        Assert.Same(depth.Symbol, bookTicker.Symbol);
    }

    [Fact]
    public void Parse_EscapedAndPlainSpellings_SameStringInstance()
    {
        var plain = TradeParser.Parse(DataOf(TradeFrame));
        var escaped = TradeParser.Parse(WithField(TradeFrame, "s", "\"BTC\\u005fUSDC\\u005fPERP\""));

        Assert.Same(plain.Symbol, escaped.Symbol);
    }

    [Fact]
    public void Parse_SymbolsAlternating_EachKeepsItsInstanceAndValue()
    {
        var symbols = new[] { "SOL_USDC", "BTC_USDC", "SOL_USDT", "ETH_USDC", "SPCX.US_USDC" };
        var firstSeen = symbols.ToDictionary(s => s, s => TradeParser.Parse(WithField(TradeFrame, "s", $"\"{s}\"")).Symbol);

        for (var round = 0; round < 3; round++)
        {
            foreach (var symbol in symbols)
            {
                var parsed = TradeParser.Parse(WithField(TradeFrame, "s", $"\"{symbol}\"")).Symbol;
                Assert.Equal(symbol, parsed);
                Assert.Same(firstSeen[symbol], parsed);
            }
        }
    }

    [Fact]
    public void Get_NonAsciiSymbol_CorrectValueAndSameInstance()
    {
        var first = StringCache.Get(Encoding.UTF8.GetBytes("ÉTH_USDC"));
        var second = StringCache.Get(Encoding.UTF8.GetBytes("ÉTH_USDC"));

        Assert.Equal("ÉTH_USDC", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Get_InvalidUtf8_Null()
    {
        Assert.Null(StringCache.Get(new byte[] { (byte)'S', 0xFF, (byte)'L' }));
    }

    [Fact]
    public void Get_LongerThanMaxLength_CorrectValueNotCached()
    {
        var text = new string('A', StringCache.MaxLength + 1);

        var first = StringCache.Get(Encoding.UTF8.GetBytes(text));
        var second = StringCache.Get(Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, first);
        Assert.Equal(text, second);
    }

    [Fact]
    public void Get_FromManyThreads_OneInstance()
    {
        var bytes = Encoding.UTF8.GetBytes("THREADS_" + Guid.NewGuid().ToString("N")[..8]);
        var results = new string?[64];

        Parallel.For(0, results.Length, i => results[i] = StringCache.Get(bytes));

        Assert.All(results, r => Assert.Same(results[0], r));
    }
}

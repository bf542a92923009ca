using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Tests.Streams;

public class StreamNamesTests
{
    [Theory]
    [InlineData("SOL_USDC")]
    [InlineData("SOL_USDC_PERP")]
    [InlineData("SPCX.US_USDC")]
    [InlineData("1000BONK_USDC")]
    public void ValidateSymbol_RealSymbols_AreAccepted(string symbol)
    {
        Assert.Equal(symbol, StreamNames.ValidateSymbol(symbol, "symbol"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" SOL_USDC")]
    [InlineData("SOL USDC")]
    [InlineData("SOL_USDC\"")]
    [InlineData("SOL_USDC\",\"account.orderUpdate")]
    [InlineData("SOL_USDC,BTC_USDC")]
    [InlineData("SOL_USDC\n")]
    [InlineData("SOL\u0000USDC")]
    [InlineData(".SOL_USDC")]
    [InlineData("SOL_USDC.")]
    [InlineData("SOL_USDC\\")]
    public void ValidateSymbol_SymbolsThatCouldSmuggleAnything_AreRejected(string symbol)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StreamNames.ValidateSymbol(symbol, "symbol"));
        Assert.Equal("symbol", error.ParamName);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\u0000', error.Message);
    }

    [Fact]
    public void ValidateSymbol_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => StreamNames.ValidateSymbol(null, "symbol"));
    }

    [Theory]
    [InlineData("account.orderUpdate", true)]
    [InlineData("account.orderUpdate.SOL_USDC", true)]
    [InlineData("depth.SOL_USDC", false)]
    [InlineData("accounts.x", false)]
    public void IsPrivate_IsTheAccountPrefix(string name, bool expected)
    {
        Assert.Equal(expected, StreamNames.IsPrivate(name));
    }

    [Theory]
    [InlineData("NVDA")]
    [InlineData("BRK.B")]
    [InlineData("BF-B")]
    [InlineData("A")]
    public void ValidateTicker_BareTickers_AreAccepted(string ticker)
    {
        Assert.Equal(ticker, StreamNames.ValidateTicker(ticker, "ticker"));
    }

    [Theory]
    [InlineData("NVDA.US", "security symbol")]
    [InlineData("BRK.B.US", "security symbol")]
    [InlineData("nvda.us", "security symbol")]
    [InlineData("NVDA.US_USDC", "market symbol")]
    [InlineData("NVDA_USDC_RFQ", "market symbol")]
    [InlineData(".NVDA", "'.'")]
    [InlineData("NVDA.", "'.'")]
    [InlineData("NV DA", "' '")]
    [InlineData("NVDA\"", "'\"'")]
    [InlineData("NVDA\n", "'?'")]
    public void ValidateTicker_AnythingButABareTicker_IsRejectedWithTheReason(string ticker, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => StreamNames.ValidateTicker(ticker, "ticker"));

        Assert.Contains(reason, ex.Message);
        Assert.Equal("ticker", ex.ParamName);
    }

    [Fact]
    public void ValidateTicker_TooLongOrEmpty_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => StreamNames.ValidateTicker(new string('A', 33), "ticker"));
        Assert.Throws<ArgumentException>(() => StreamNames.ValidateTicker(string.Empty, "ticker"));
        Assert.Throws<ArgumentNullException>(() => StreamNames.ValidateTicker(null, "ticker"));
    }

    [Theory]
    [InlineData("externalTicker.MU.US_USDC", "externalTicker")]
    [InlineData("stockPrice.BRK.B", "stockPrice")]
    [InlineData("stockIndicativeQuote.NVDA", "stockIndicativeQuote")]
    public void StreamTypeOf_NewStreams_AreTheirTypeAsALiteral(string name, string expected)
    {
        Assert.Equal(expected, StreamNames.StreamTypeOf(name));

        // The same instance twice: a literal, not a new string per frame.
        Assert.Same(StreamNames.StreamTypeOf(name), StreamNames.StreamTypeOf(name));
    }
}

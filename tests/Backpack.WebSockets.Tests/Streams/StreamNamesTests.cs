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
}

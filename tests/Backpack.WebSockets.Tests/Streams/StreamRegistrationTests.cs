using System.Text;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Tests.Streams;

public class StreamRegistrationTests
{
    [Theory]
    [InlineData("trade.SOL_USDC", true)]
    [InlineData("trade.SOL_USD", false)]
    [InlineData("trade.SOL_USDCX", false)]
    [InlineData("Trade.SOL_USDC", false)]
    [InlineData("", false)]
    public void HasName_ComparesTheUtf8NameExactly(string utf8Name, bool expected)
    {
        var registration = new StreamRegistration<string>("trade.SOL_USDC", static data => Encoding.UTF8.GetString(data));

        Assert.Equal(expected, registration.HasName(Encoding.UTF8.GetBytes(utf8Name)));
    }

    [Fact]
    public void StreamTable_AfterARemoval_NoLongerRoutesToTheCachedRegistration()
    {
        // The receive loop re-uses its last match only while it is registered; a resubscribe creates a new registration.
        var table = new StreamTable();
        var old = new StreamRegistration<string>("trade.SOL_USDC", static data => Encoding.UTF8.GetString(data));
        table.TryAdd(old);
        Assert.Same(old, table.Find("trade.SOL_USDC"u8));

        old.IsRemoved = true;
        table.Remove(old);
        var replacement = new StreamRegistration<string>("trade.SOL_USDC", static data => Encoding.UTF8.GetString(data));
        table.TryAdd(replacement);

        Assert.Same(replacement, table.Find("trade.SOL_USDC"u8));
        Assert.Null(table.Find("trade.BTC_USDC"u8));
    }
}

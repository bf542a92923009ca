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
    public void IsRegisteredAs_ComparesTheUtf8NameExactly(string utf8Name, bool expected)
    {
        var registration = new StreamRegistration<string>("trade.SOL_USDC", static data => Encoding.UTF8.GetString(data));

        Assert.Equal(expected, registration.IsRegisteredAs(Encoding.UTF8.GetBytes(utf8Name)));
    }

    [Fact]
    public void IsRegisteredAs_AfterRemovalFromTheRegistry_IsFalse()
    {
        // The receive loop re-uses its last match only while it is registered; a resubscribe creates a new registration.
        var registration = new StreamRegistration<string>("trade.SOL_USDC", static data => Encoding.UTF8.GetString(data));
        registration.IsRemoved = true;

        Assert.False(registration.IsRegisteredAs("trade.SOL_USDC"u8));
    }
}

using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Tests.Transport;

public class ClientWebSocketConnectorTests
{
    [Theory]
    [InlineData("permessage-deflate", true)]
    [InlineData("permessage-deflate; client_max_window_bits=15", true)]
    [InlineData("Permessage-Deflate;server_no_context_takeover", true)]
    [InlineData("x-webkit-deflate-frame, permessage-deflate", true)]
    [InlineData("x-webkit-deflate-frame", false)]
    [InlineData("permessage-deflate-x", false)]
    [InlineData("", false)]
    public void AcceptedDeflate_ReadsTheNegotiatedExtension(string header, bool expected)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sec-WebSocket-Extensions"] = [header],
        };

        Assert.Equal(expected, ClientWebSocketConnector.AcceptedDeflate(headers));
    }

    [Fact]
    public void AcceptedDeflate_NoHeaders_False()
    {
        Assert.False(ClientWebSocketConnector.AcceptedDeflate(null));
        Assert.False(ClientWebSocketConnector.AcceptedDeflate(new Dictionary<string, IEnumerable<string>>()));
    }
}

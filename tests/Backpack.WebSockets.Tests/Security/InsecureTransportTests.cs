using Microsoft.Extensions.Options;

namespace Backpack.WebSockets.Tests.Security;

public class InsecureTransportTests
{
    [Theory]
    [InlineData("ws://ws.backpack.exchange")]
    [InlineData("ws://10.0.0.5:8080/stream")]
    [InlineData("ws://[2001:db8::1]/")]
    public void Validate_PlainWebSocketToRemoteHost_ThrowsNamingEndpoint(string uri)
    {
        var options = new BackpackStreamClientOptions { Endpoint = new Uri(uri) };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(BackpackStreamClientOptions.Endpoint), ex.ParamName);
        Assert.Contains(nameof(BackpackStreamClientOptions.AllowInsecureTransport), ex.Message);
    }

    [Fact]
    public void Validate_PlainHttpRestToRemoteHost_ThrowsNamingRestEndpoint()
    {
        var options = new BackpackStreamClientOptions { RestEndpoint = new Uri("http://api.backpack.exchange") };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(BackpackStreamClientOptions.RestEndpoint), ex.ParamName);
    }

    [Theory]
    [InlineData("ws://127.0.0.1:5000")]
    [InlineData("ws://localhost:5000/")]
    [InlineData("ws://[::1]:5000")]
    public void Validate_PlainWebSocketToLoopback_IsAllowed(string uri)
    {
        var options = new BackpackStreamClientOptions { Endpoint = new Uri(uri), RestEndpoint = new Uri("http://127.0.0.1:5001") };

        options.Validate();

        Assert.Equal(new Uri(uri), options.Endpoint);
        Assert.False(options.AllowInsecureTransport);
    }

    [Fact]
    public void Validate_PlainWebSocketToRemoteHost_WithOptIn_IsAllowed()
    {
        var options = new BackpackStreamClientOptions
        {
            Endpoint = new Uri("ws://gateway.internal:9000"),
            RestEndpoint = new Uri("http://gateway.internal:9001"),
            AllowInsecureTransport = true,
        };

        options.Validate();

        Assert.Equal("ws", options.Endpoint.Scheme);
    }

    [Fact]
    public void Constructor_PlainWebSocketToRemoteHost_ThrowsBeforeConnecting()
    {
        var options = new BackpackStreamClientOptions { Endpoint = new Uri("ws://ws.backpack.exchange") };

        var ex = Assert.Throws<ArgumentException>(() => new BackpackStreamClient(Options.Create(options)));

        Assert.Equal(nameof(BackpackStreamClientOptions.Endpoint), ex.ParamName);
    }

    [Fact]
    public void Setter_AcceptsPlainWebSocket_SoTheOptInMayComeLater()
    {
        // The order of configuration keys is not ours to choose: the check waits for Validate.
        var options = new BackpackStreamClientOptions { Endpoint = new Uri("ws://gateway.internal") };
        options.AllowInsecureTransport = true;

        options.Validate();

        Assert.Equal(new Uri("ws://gateway.internal"), options.Endpoint);
    }

    [Fact]
    public void ToString_ShowsTheOptIn()
    {
        var options = new BackpackStreamClientOptions { AllowInsecureTransport = true };

        Assert.Contains("AllowInsecureTransport = True", options.ToString());
    }
}

using System.Net;
using System.Net.WebSockets;
using Backpack.WebSockets.IntegrationTests.Infrastructure;

namespace Backpack.WebSockets.IntegrationTests.Server;

public sealed partial class BackpackTestServerTests
{
    [Fact]
    public async Task RejectNextHandshakes_FailsThatManyWithStatusAndRetryAfter_ThenAccepts()
    {
        await using var server = await StartServerAsync();
        server.RejectNextHandshakes(2, 429, TimeSpan.FromSeconds(2.5));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var rejected = new ClientWebSocket();
            rejected.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() => rejected.ConnectAsync(server.WebSocketUri, CancellationToken.None)).OrTimeout();
            Assert.Equal(HttpStatusCode.TooManyRequests, rejected.HttpStatusCode);
            Assert.Equal(["3"], rejected.HttpResponseHeaders!["Retry-After"]);
        }

        await using var accepted = await TestSocket.ConnectAsync(server.WebSocketUri);
        Assert.Equal(WebSocketState.Open, accepted.Socket.State);
        Assert.Equal(1, server.TotalConnectionCount);
    }

    [Fact]
    public async Task RejectNextHandshakes_WithoutRetryAfter_SendsNoHeader()
    {
        await using var server = await StartServerAsync();
        server.RejectNextHandshakes(1, 503);

        using var rejected = new ClientWebSocket();
        rejected.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => rejected.ConnectAsync(server.WebSocketUri, CancellationToken.None)).OrTimeout();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.HttpStatusCode);
        Assert.False(rejected.HttpResponseHeaders!.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task DropAllConnections_AbortsWithoutCloseFrame()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await socket.SubscribeAsync("trade.SOL_USDC");
        await server.WaitForSubscriptionAsync("trade.SOL_USDC").OrTimeout();
        var receive = socket.ReceiveAsync();

        server.DropAllConnections();

        var exception = await Assert.ThrowsAsync<WebSocketException>(() => receive);
        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, exception.WebSocketErrorCode);
        Assert.Null(socket.Socket.CloseStatus);
        Assert.Equal(0, server.ConnectionCount);
        Assert.Empty(server.ActiveSubscriptions);
    }

    [Fact]
    public async Task DropAllConnections_ThenReconnect_IsCountedAsANewConnection()
    {
        await using var server = await StartServerAsync();
        await using (await TestSocket.ConnectAsync(server.WebSocketUri))
        {
            await server.WaitForConnectionsAsync(1).OrTimeout();
            server.DropAllConnections();
        }

        await using var second = await TestSocket.ConnectAsync(server.WebSocketUri);
        await server.WaitForConnectionsAsync(1).OrTimeout();

        Assert.Equal(2, server.TotalConnectionCount);
    }

    [Fact]
    public async Task CloseAllConnectionsAsync_SendsCloseFrameWithStatusAndReason()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await server.WaitForConnectionsAsync(1).OrTimeout();

        await server.CloseAllConnectionsAsync(WebSocketCloseStatus.EndpointUnavailable, "server shutting down").OrTimeout();
        var message = await socket.ReceiveAsync();
        Assert.Equal(1, server.ConnectionCount);

        // The connection ends when the client completes the closing handshake.
        await socket.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None).OrTimeout();
        await server.WaitUntilAsync(() => server.ConnectionCount == 0).OrTimeout();

        Assert.Null(message.Text);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, message.CloseStatus);
        Assert.Equal("server shutting down", message.CloseDescription);
    }

    [Fact]
    public async Task SendErrorFrameAsync_ReachesEveryConnection()
    {
        await using var server = await StartServerAsync();
        await using var first = await TestSocket.ConnectAsync(server.WebSocketUri);
        await using var second = await TestSocket.ConnectAsync(server.WebSocketUri);
        await server.WaitForConnectionsAsync(2).OrTimeout();

        Assert.Equal(2, await server.SendErrorFrameAsync(4006, "Invalid stream"));

        Assert.Equal("""{"id":null,"error":{"code":4006,"message":"Invalid stream"}}""", await first.ReceiveTextAsync());
        Assert.Equal("""{"id":null,"error":{"code":4006,"message":"Invalid stream"}}""", await second.ReceiveTextAsync());
    }

    [Fact]
    public async Task FragmentFrames_SplitsMessagesThatReassembleExactly()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await socket.SubscribeAsync("trade.SOL_USDC");
        await server.WaitForSubscriptionAsync("trade.SOL_USDC").OrTimeout();
        const string payload = """{"e":"trade","s":"SOL_USDC","note":"multi-byte: é€😀"}""";

        server.FragmentFrames(7);
        await server.PublishAsync("trade.SOL_USDC", payload);
        server.FragmentFrames(null);
        await server.PublishAsync("trade.SOL_USDC", payload);

        var fragmented = await socket.ReceiveAsync();
        var whole = await socket.ReceiveAsync();
        var expected = $$"""{"data":{{payload}},"stream":"trade.SOL_USDC"}""";
        Assert.Equal(expected, fragmented.Text);
        Assert.Equal((System.Text.Encoding.UTF8.GetByteCount(expected) + 6) / 7, fragmented.Fragments);
        Assert.Equal(expected, whole.Text);
        Assert.Equal(1, whole.Fragments);
    }

    [Fact]
    public async Task FragmentFrames_AppliesToErrorFramesToo()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        server.FragmentFrames(5);

        await socket.SubscribeAsync("foo.SOL_USDC");
        var message = await socket.ReceiveAsync();

        Assert.Equal("""{"id":null,"error":{"code":4006,"message":"Invalid stream"}}""", message.Text);
        Assert.True(message.Fragments > 1);
    }

    [Fact]
    public async Task Ping_UnansweredPong_ServerAbortsTheConnection()
    {
        await using var server = await StartServerAsync(options =>
        {
            options.PingInterval = TimeSpan.FromMilliseconds(50);
            options.PingTimeout = TimeSpan.FromMilliseconds(50);
        });

        // The client neither receives (so it never answers the server's Ping) nor sends keep-alives of its own.
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri, options => options.KeepAliveInterval = TimeSpan.Zero);
        await server.WaitForConnectionsAsync(1).OrTimeout();

        await server.WaitUntilAsync(() => server.ConnectionCount == 0).OrTimeout();
        Assert.Equal(1, server.TotalConnectionCount);
    }
}

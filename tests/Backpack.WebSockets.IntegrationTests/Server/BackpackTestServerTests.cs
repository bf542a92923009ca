using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Backpack.WebSockets.IntegrationTests.Server;

public sealed partial class BackpackTestServerTests
{
    /// <summary>The fake clock's start: 2025-01-02T03:04:05Z.</summary>
    private static readonly DateTimeOffset s_start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static async Task<BackpackTestServer> StartServerAsync(Action<BackpackTestServerOptions>? configure = null)
    {
        var options = new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey, TimeProvider = new FakeTimeProvider(s_start) };
        configure?.Invoke(options);
        var server = new BackpackTestServer(options);
        await server.StartAsync();
        return server;
    }

    /// <summary>Subscribes unsigned to a public stream, signed to an <c>account.*</c> one.</summary>
    private static async Task SubscribeAsync(TestSocket socket, string stream)
    {
        if (stream.StartsWith("account.", StringComparison.Ordinal))
        {
            await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(s_start.ToUnixTimeMilliseconds(), 5000), stream);
        }
        else
        {
            await socket.SubscribeAsync(stream);
        }
    }

    [Fact]
    public async Task StartAsync_ListensOnLoopbackWithFreePort()
    {
        await using var server = await StartServerAsync();

        Assert.Equal("127.0.0.1", server.WebSocketUri.Host);
        Assert.Equal("ws", server.WebSocketUri.Scheme);
        Assert.Equal("/", server.WebSocketUri.AbsolutePath);
        Assert.NotEqual(0, server.WebSocketUri.Port);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.WebSocketUri.Port}/"), server.RestUri);
    }

    [Fact]
    public async Task WebSocketUri_BeforeStart_Throws()
    {
        await using var server = new BackpackTestServer();

        Assert.Throws<InvalidOperationException>(() => server.WebSocketUri);
    }

    [Fact]
    public async Task StartAsync_Twice_Throws()
    {
        await using var server = await StartServerAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/stream")]
    [InlineData("/ws/anything")]
    public async Task Connect_AnyPath_IsAccepted(string path)
    {
        await using var server = await StartServerAsync();

        await using var socket = await TestSocket.ConnectAsync(new Uri(server.WebSocketUri, path));
        await server.WaitForConnectionsAsync(1).OrTimeout();

        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(1, server.TotalConnectionCount);
    }

    [Fact]
    public async Task ClientClose_RemovesConnectionAndItsSubscriptions()
    {
        await using var server = await StartServerAsync();
        var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await socket.SubscribeAsync("trade.SOL_USDC");
        await server.WaitForSubscriptionAsync("trade.SOL_USDC").OrTimeout();

        await socket.Socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).OrTimeout();
        await server.WaitUntilAsync(() => server.ConnectionCount == 0).OrTimeout();

        Assert.Empty(server.ActiveSubscriptions);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.Socket.CloseStatus);
        socket.Socket.Dispose();
    }

    [Fact]
    public async Task StopAsync_DropsConnectionsAndIsIdempotent()
    {
        var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await server.WaitForConnectionsAsync(1).OrTimeout();
        var receive = socket.ReceiveAsync();

        await server.StopAsync().OrTimeout();
        await server.StopAsync().OrTimeout();
        await server.DisposeAsync();

        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => receive);
        Assert.Equal(0, server.ConnectionCount);
    }
}
